# Orda om PDF-en: lenkja til han, og metadataa han ber.

# The link to the PDF on the language page and the print page.
pdf-download = Last ned PDF ({ $size })
# The PDF's size in the link: kilobytes, or megabytes with one decimal.
pdf-size-kb = { $kb } kB
pdf-size-mb = { $whole },{ $tenth } MB
# The PDF's subject (document information and XMP): the case.
pdf-subject = Sak { $case }: vedteken i { $body } { $date }.
pdf-subject-translation = Sak { $case }: vedteken i { $body } { $date }. Uoffisiell omsetjing.
# The PDF's keywords, separated by commas.
pdf-keywords = sosiale medier, rettleiar, tilsette, { $municipality }, { $case }
