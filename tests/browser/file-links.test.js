// The site in the form that works opened from disk (`build --file-links`):
// every check of lib/suite.js, and every page opened from file:// with
// every link resolving to a file.

import { siteTests } from './lib/suite.js';

siteTests({ fileLinks: true });
