# Orda om versjonane av dokumentet: kva versjon ei side viser, kven som
# vedtok han og når han gjaldt, kva som vart endra, og omsetjingar som
# ikkje er oppdaterte. Datoar ($date, $from, $until …) er skrivne ut.

version-heading = Versjon
version-adopted = Denne versjonen vart vedteken i { $body } { $date } i sak { $case }.
version-in-force = Han gjeld frå { $from }.
version-applied = Han gjaldt frå { $from } til og med { $until }.
version-dated-link = Fast adresse til denne versjonen
version-list = Alle versjonar
version-item = Versjonen frå { $date } ({ $case })
version-changes = Kva som vart endra i denne versjonen
version-next-changes = Kva som vart endra i versjonen etter denne
version-print = Versjonen frå { $date } ({ $case }), i kraft
version-print-old = Versjonen frå { $date } ({ $case }), gjaldt til og med { $until }, ikkje lenger i kraft
version-old-heading = Denne versjonen gjeld ikkje lenger
version-old-notice = Versjonen gjaldt frå { $from } til og med { $until }. Gjeldande versjon vart vedteken { $date } i sak { $case }.
version-old-link = Les gjeldande versjon
version-lagging-heading = Omsetjinga er ikkje oppdatert
version-lagging-notice = Denne omsetjinga følgjer versjonen som vart vedteken { $follows }. Ein ny versjon vart vedteken { $date } i sak { $case }, og omsetjinga er ikkje oppdatert enno.
version-lagging-link = Les gjeldande tekst { original-in }

history-changed = Endra { $date } i sak { $case }.
history-added = Lagt til { $date } i sak { $case }.
history-earlier = Ordlyden i versjonen frå { $date }
history-short = Ordlyden i tidlegare versjonar

diff-title = Endringar i versjonen frå { $date }
diff-lead = Punkta i versjonen frå { $date } samanlikna med versjonen frå { $before } ({ $case }). Ord som er tekne ut er merkte «fjerna», ord som er lagde til er merkte «lagt til».
diff-changed-heading = Endra punkt
diff-added-heading = Nye punkt
diff-retired-heading = Punkt som er tekne ut
diff-none = Ingen punkt vart endra, lagde til eller tekne ut.
diff-removed = fjerna:
diff-inserted = lagt til:
diff-end = slutt
diff-rule = Punkt { $label }
diff-before-link = Punkt { $label } i versjonen frå { $date }
diff-version-link = Versjonen frå { $date }
