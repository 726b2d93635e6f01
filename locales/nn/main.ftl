# Orda rundt teksten på nynorsk.

language-name = Nynorsk

skip-link = Gå til innhaldet
switcher-label = Språk
toc-heading = Innhald
rule-prefix = Punkt

about-heading = Om dokumentet
about-adopted = Vedtak
about-based-on = Byggjer på
about-inspired-by = Inspirert av
about-contact = Kontakt
adopted-line = Vedteken i { $body } { $date } i sak { $case }
# The description search engines show (meta description).
page-description = { $title }, vedteken i { $body } { $date } i sak { $case }.

footer-adopted = Vedteken i sak { $case }.
based-on = Byggjer på { $work }.
inspired-by = Har henta inspirasjon frå { $bodies }.
accessibility-statement = Tilgjengelegheitserklæring

translation-heading = Uoffisiell omsetjing
translation-notice = Dette er ei uoffisiell omsetjing av { $noun }, laga { $date }. Det er { original-text } som { $body } vedtok, som gjeld.
translation-link = Les den vedtekne teksten { original-in }
translation-short-link = Les punkt { $label } i den vedtekne teksten { original-in }

entry-read = Les på nynorsk
entry-unofficial = Uoffisiell omsetjing.
entry-original = Dette er den vedtekne teksten.

print-link = Utskriftsversjon
print-back = Tilbake til nettversjonen
print-hint = Dette er utskriftsversjonen. Skriv ut eller lagre som PDF frå nettlesaren.
print-case = Saksnummer
print-body = Vedteken av
print-date = Dato
# Page numbers in the margin of each printed page.
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
cite-text-translation = { $title } ({ $case }), punkt { $label }, uoffisiell omsetjing
short-title = Punkt { $label } – { $title }
short-lead = Punkt { $label } i «{ $title }»:
short-link = Les punkt { $label } i heile { $noun }
