// The cross-engine page suite in WebKitGTK's MiniBrowser (on Xvfb, through WebKitWebDriver).
import { liveCheckSuite } from "./live-check.mjs";
import { engineSuite } from "./suite.mjs";

engineSuite("webkit");
liveCheckSuite("webkit");
