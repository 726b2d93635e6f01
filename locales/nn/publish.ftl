# Words for publishing: the share card of a page, and the page the web
# server shows for an address that does not exist (404.html).

# The language and country of the share card (Open Graph og:locale).
share-locale = nn_NO
# The share card of a translated page: its status line, and that it is a translation.
share-translation = { $status } (uoffisiell omsetjing)

notfound-title = Fann ikkje sida
notfound-text = Det finst inga side på denne adressa. Rettleiaren på nynorsk finn du her:
