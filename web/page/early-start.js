// @ts-check
// The early start (entry, inlined): built as a classic script and carried inline right after a
// calculator page's result container (macros/forms.py), it starts the Python worker while the
// parser is still on the page, before layout and before any module script can run (launch.js).
import { launchEarly } from "./launch.js";

launchEarly();
