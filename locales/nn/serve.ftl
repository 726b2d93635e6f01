# Orda som berre `rettleiar serve` (førehandsvisinga) viser.

serve-notice-heading = Endringa kunne ikkje byggjast
serve-notice-text = Du ser den siste versjonen som fungerte. Rett feilen nedanfor og lagre på nytt.
serve-404-heading = Sida finst ikkje
serve-404-text = Det er inga side på denne adressa.
serve-403-heading = Adressa er ikkje tillaten
serve-403-text = Adressa peikar ut av nettstaden.
