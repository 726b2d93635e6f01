# The citation of a section by its heading (`rettleiar cite part-a`),
# and of a section without a heading, which is cited as the document.
cite-section = { $title } ({ $case }), “{ $heading }”
cite-section-translation = { $title } ({ $case }), “{ $heading }”, unofficial translation
cite-document = { $title } ({ $case })
cite-document-translation = { $title } ({ $case }), unofficial translation
