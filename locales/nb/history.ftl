# Ordene om versjonene av dokumentet: hvilken versjon en side viser, hvem
# som vedtok den og når den gjaldt, hva som ble endret, og oversettelser
# som ikke er oppdatert. Datoer ($date, $from, $until …) er skrevet ut.

version-heading = Versjon
version-adopted = Denne versjonen ble vedtatt i { $body } { $date } i sak { $case }.
version-in-force = Den gjelder fra { $from }.
version-applied = Den gjaldt fra { $from } til og med { $until }.
version-dated-link = Fast adresse til denne versjonen
version-list = Alle versjoner
version-item = Versjonen fra { $date } ({ $case })
version-changes = Hva som ble endret i denne versjonen
version-next-changes = Hva som ble endret i versjonen etter denne
version-print = Versjonen fra { $date } ({ $case }), i kraft
version-print-old = Versjonen fra { $date } ({ $case }), gjaldt til og med { $until }, ikke lenger i kraft
version-old-heading = Denne versjonen gjelder ikke lenger
version-old-notice = Versjonen gjaldt fra { $from } til og med { $until }. Gjeldende versjon ble vedtatt { $date } i sak { $case }.
version-old-link = Les gjeldende versjon
version-lagging-heading = Oversettelsen er ikke oppdatert
version-lagging-notice = Denne oversettelsen følger versjonen som ble vedtatt { $follows }. En ny versjon ble vedtatt { $date } i sak { $case }, og oversettelsen er ikke oppdatert ennå.
version-lagging-link = Les gjeldende tekst { original-in }

history-changed = Endret { $date } i sak { $case }.
history-added = Lagt til { $date } i sak { $case }.
history-earlier = Ordlyden i versjonen fra { $date }
history-short = Ordlyden i tidligere versjoner

diff-title = Endringer i versjonen fra { $date }
diff-lead = Punktene i versjonen fra { $date } sammenlignet med versjonen fra { $before } ({ $case }). Ord som er tatt ut, er merket «fjernet», ord som er lagt til, er merket «lagt til».
diff-changed-heading = Endrede punkter
diff-added-heading = Nye punkter
diff-retired-heading = Punkter som er tatt ut
diff-none = Ingen punkter ble endret, lagt til eller tatt ut.
diff-removed = fjernet:
diff-inserted = lagt til:
diff-end = slutt
diff-rule = Punkt { $label }
diff-before-link = Punkt { $label } i versjonen fra { $date }
diff-version-link = Versjonen fra { $date }
