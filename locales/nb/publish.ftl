# Words for publishing: the share card of a page, and the page the web
# server shows for an address that does not exist (404.html).

# The language and country of the share card (Open Graph og:locale).
share-locale = nb_NO
# The share card of a translated page: its status line, and that it is a translation.
share-translation = { $status } (uoffisiell oversettelse)

notfound-title = Fant ikke siden
notfound-text = Det finnes ingen side på denne adressen. Veilederen på bokmål finner du her:
