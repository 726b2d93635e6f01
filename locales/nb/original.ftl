# Ord som kommer fra fakta om dokumentet (document.yaml) og fra språket
# originalen er skrevet på.

# The status line under the title, made from document.yaml (the original
# may keep its own, `cover:` in its front matter).
cover-line = { $case } Vedtatt i { $body } { $date }
# The description search engines show on a translation (meta description).
page-description-translation = { $title }: uoffisiell oversettelse av teksten som { $body } vedtok { original-in } { $date } i sak { $case }.

# The adopted text named by its language, `$original` (a language code).
original-text = { $original ->
    [nn] den nynorske teksten
    [nb] bokmålsteksten
    [en] den engelske teksten
   *[other] originalteksten
}
# The adopted text's language after a noun («teksten på nynorsk»).
original-in = { $original ->
    [nn] på nynorsk
    [nb] på bokmål
    [en] på engelsk
   *[other] på originalspråket
}
# The adopted text's language as an adjective («den nynorske»).
original-adjective = { $original ->
    [nn] nynorske
    [nb] bokmåls-
    [en] engelske
   *[other] opprinnelige
}
