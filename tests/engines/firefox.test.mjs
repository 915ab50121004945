// The cross-engine page suite in Firefox ESR (headless, through geckodriver).
import { liveCheckSuite } from "./live-check.mjs";
import { engineSuite } from "./suite.mjs";

engineSuite("firefox");
liveCheckSuite("firefox");
