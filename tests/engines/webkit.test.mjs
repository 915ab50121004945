// The cross-engine page suite in WebKitGTK's MiniBrowser (on Xvfb, through WebKitWebDriver).
import { engineSuite } from "./suite.mjs";

engineSuite("webkit");
