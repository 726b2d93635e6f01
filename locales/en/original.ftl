# Words made from the facts about the document (document.yaml) and from
# the language of the original.

# The status line under the title, made from document.yaml (the original
# may keep its own, `cover:` in its front matter).
cover-line = Case { $case }, adopted by { $body } on { $date }
# The description search engines show on a translation (meta description).
page-description-translation = { $title }: an unofficial translation of { original-text } adopted by { $body } on { $date } in case { $case }.

# The adopted text named by its language, `$original` (a language code).
original-text = { $original ->
    [nn] the Nynorsk text
    [nb] the Bokmål text
    [en] the English text
   *[other] the original text
}
# The adopted text's language after a noun ("the text in Nynorsk").
original-in = { $original ->
    [nn] in Nynorsk
    [nb] in Bokmål
    [en] in English
   *[other] in its original language
}
# The adopted text's language as an adjective ("the Nynorsk text").
original-adjective = { $original ->
    [nn] Nynorsk
    [nb] Bokmål
    [en] English
   *[other] original
}
