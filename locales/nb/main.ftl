# Ordene rundt teksten på bokmål.

language-name = Bokmål

skip-link = Gå til innholdet
switcher-label = Språk
toc-heading = Innhold
rule-prefix = Punkt

about-heading = Om dokumentet
about-adopted = Vedtak
about-based-on = Bygger på
about-inspired-by = Inspirert av
about-contact = Kontakt
adopted-line = Vedtatt i { $body } { $date } i sak { $case }
# The description search engines show (meta description).
page-description = { $title }, vedtatt i { $body } { $date } i sak { $case }.

footer-adopted = Vedtatt i sak { $case }.
based-on = Bygger på { $work }.
inspired-by = Har hentet inspirasjon fra { $bodies }.
accessibility-statement = Tilgjengelighetserklæring

translation-heading = Uoffisiell oversettelse
translation-notice = Dette er en uoffisiell oversettelse av { $noun }, laget { $date }. Det er { original-text } som { $body } vedtok, som gjelder.
translation-link = Les den vedtatte teksten { original-in }
translation-short-link = Les punkt { $label } i den vedtatte teksten { original-in }

entry-read = Les på bokmål
entry-unofficial = Uoffisiell oversettelse.
entry-original = Dette er den vedtatte teksten.

print-link = Utskriftsversjon
print-back = Tilbake til nettversjonen
print-hint = Dette er utskriftsversjonen. Skriv ut eller lagre som PDF fra nettleseren.
print-case = Saksnummer
print-body = Vedtatt av
print-date = Dato
# Sidetall i margen på hver utskrevne side.
print-page-number = side { $page } av { $pages }

date-long = { $day }. { $month } { $year }
month-1 = januar
month-2 = februar
month-3 = mars
month-4 = april
month-5 = mai
month-6 = juni
month-7 = juli
month-8 = august
month-9 = september
month-10 = oktober
month-11 = november
month-12 = desember

cite-text = { $title } ({ $case }), punkt { $label }
# The citation of a translated text (`rettleiar cite --lang …`).
cite-text-translation = { $title } ({ $case }), punkt { $label }, uoffisiell oversettelse
short-title = Punkt { $label } – { $title }
short-lead = Punkt { $label } i «{ $title }»:
short-link = Les punkt { $label } i hele { $noun }
