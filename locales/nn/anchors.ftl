# The notice that stands where a withdrawn rule stood (pages, print
# versions, short addresses). $date is written out; $case is the case of
# the decision; the reason follows «retired-reason» in the original language.
retired-heading = Punkt som er trekte tilbake
retired-notice = Punkt { $label } vart trekt tilbake { $date }.
retired-notice-case = Punkt { $label } vart trekt tilbake { $date } i sak { $case }.
retired-reason = Grunn:
retired-replaced = Sjå punkt { $label } i staden.
