# Words for publishing: the share card of a page, and the page the web
# server shows for an address that does not exist (404.html).

# The language and country of the share card (Open Graph og:locale).
share-locale = en_GB
# The share card of a translated page: its status line, and that it is a translation.
share-translation = { $status } (unofficial translation)

notfound-title = Page not found
notfound-text = There is no page at this address. The guidelines in English are here:
