// The end of a sign-in opened in a new tab: tells the page that asked for it.
import { announceSignIn } from "./backend/session.js";

announceSignIn();
