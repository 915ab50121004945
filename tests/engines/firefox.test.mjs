// The cross-engine page suite in Firefox ESR (headless, through geckodriver).
import { engineSuite } from "./suite.mjs";

engineSuite("firefox");
