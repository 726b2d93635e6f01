# Ordene om PDF-en: lenken til den, og metadataene den har.

# The link to the PDF on the language page and the print page.
pdf-download = Last ned PDF ({ $size })
# The PDF's size in the link: kilobytes, or megabytes with one decimal.
pdf-size-kb = { $kb } kB
pdf-size-mb = { $whole },{ $tenth } MB
# The PDF's subject (document information and XMP): the case.
pdf-subject = Sak { $case }: vedtatt i { $body } { $date }.
pdf-subject-translation = Sak { $case }: vedtatt i { $body } { $date }. Uoffisiell oversettelse.
# The PDF's keywords, separated by commas.
pdf-keywords = sosiale medier, veileder, ansatte, { $municipality }, { $case }
