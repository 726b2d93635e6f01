// The site as published: see lib/suite.js for the checks.

import { siteTests } from './lib/suite.js';

siteTests({ fileLinks: false });
