# The words around the text in English.

language-name = English

skip-link = Skip to content
switcher-label = Language
toc-heading = Contents
rule-prefix = Rule

about-heading = About this document
about-adopted = Adoption
about-based-on = Based on
about-inspired-by = Inspired by
about-contact = Contact
adopted-line = Adopted by { $body } on { $date } in case { $case }
# The description search engines show (meta description).
page-description = { $title }, adopted by { $body } on { $date } in case { $case }.

footer-adopted = Adopted in case { $case }.
based-on = Based on { $work }.
inspired-by = Inspired by { $bodies }.
accessibility-statement = Accessibility statement

translation-heading = Unofficial translation
translation-notice = This is an unofficial translation of { $noun }, made on { $date }. Only { original-text } adopted by { $body } applies.
translation-link = Read the adopted text { original-in }
translation-short-link = Read rule { $label } in the adopted { original-adjective } text

entry-read = Read in English
entry-unofficial = Unofficial translation.
entry-original = This is the adopted text.

print-link = Print version
print-back = Back to the web version
print-hint = This is the print version. Print it or save it as PDF from your browser.
print-case = Case
print-body = Adopted by
print-date = Date
# Page numbers in the margin of each printed page.
print-page-number = page { $page } of { $pages }

date-long = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

cite-text = { $title } ({ $case }), rule { $label }
# The citation of a translated text (`rettleiar cite --lang …`).
cite-text-translation = { $title } ({ $case }), rule { $label }, unofficial translation
short-title = Rule { $label } – { $title }
short-lead = Rule { $label } of “{ $title }”:
short-link = Read rule { $label } where it stands in { $noun }
