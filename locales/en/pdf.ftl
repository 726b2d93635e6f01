# The words about the PDF: the link to it, and the metadata it carries.

# The link to the PDF on the language page and the print page.
pdf-download = Download PDF ({ $size })
# The PDF's size in the link: kilobytes, or megabytes with one decimal.
pdf-size-kb = { $kb } kB
pdf-size-mb = { $whole }.{ $tenth } MB
# The PDF's subject (document information and XMP): the case.
pdf-subject = Case { $case }: adopted by { $body } on { $date }.
pdf-subject-translation = Case { $case }: adopted by { $body } on { $date }. Unofficial translation.
# The PDF's keywords, separated by commas.
pdf-keywords = social media, guidelines, employees, { $municipality }, { $case }
