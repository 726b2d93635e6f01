# The notice that stands where a withdrawn rule stood (pages, print
# versions, short addresses). $date is written out; $case is the case of
# the decision; the reason follows «retired-reason» in the original language.
retired-heading = Withdrawn rules
retired-notice = Rule { $label } was withdrawn on { $date }.
retired-notice-case = Rule { $label } was withdrawn on { $date } in case { $case }.
retired-reason = Reason:
retired-replaced = See rule { $label } instead.
