# The words only `rettleiar serve` (the live preview) shows.

serve-notice-heading = The change could not be built
serve-notice-text = You are seeing the last version that worked. Fix the problem below and save again.
serve-404-heading = Page not found
serve-404-text = There is no page at this address.
serve-403-heading = Address not allowed
serve-403-text = The address points outside the site.
