// The header's account corner, only when the backend has sign-in: who is
// signed in (and whether they may only look), and a sign-out button; or a
// sign-in link.
import { currentSession, signInUrl, signOut } from "../backend/session.js";
import { button, h } from "./dom.js";
import { errorDetails, joinSentences } from "./errors.js";

export function renderAccount(container) {
  const { enabled, user } = currentSession();
  if (!enabled) {
    container.replaceChildren();
    return;
  }
  if (!user) {
    container.replaceChildren(
      h(
        "a",
        { class: "button", href: signInUrl(`/${location.hash}`) },
        "Sign in",
      ),
    );
    return;
  }
  const who = user.email ?? user.name ?? user.subject;
  const out = button("Sign out", {
    onclick: async () => {
      out.disabled = true;
      try {
        await signOut();
        location.reload();
      } catch (error) {
        out.disabled = false;
        container.append(
          h(
            "span",
            { role: "alert" },
            ` ${joinSentences("Not signed out: ", error.message)}`,
          ),
          errorDetails(error),
        );
      }
    },
  });
  container.replaceChildren(
    h(
      "span",
      { class: "site-account__who" },
      "Signed in as ",
      h("strong", {}, who),
      user.role === "viewer" ? " (may look, not change)" : "",
    ),
    " ",
    out,
  );
}
