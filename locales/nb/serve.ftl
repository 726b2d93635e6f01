# Ordene som bare `rettleiar serve` (forhåndsvisningen) viser.

serve-notice-heading = Endringen kunne ikke bygges
serve-notice-text = Du ser den siste versjonen som fungerte. Rett feilen nedenfor og lagre på nytt.
serve-404-heading = Siden finnes ikke
serve-404-text = Det er ingen side på denne adressen.
serve-403-heading = Adressen er ikke tillatt
serve-403-text = Adressen peker ut av nettstedet.
