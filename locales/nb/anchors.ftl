# The notice that stands where a withdrawn rule stood (pages, print
# versions, short addresses). $date is written out; $case is the case of
# the decision; the reason follows «retired-reason» in the original language.
retired-heading = Punkter som er trukket tilbake
retired-notice = Punkt { $label } ble trukket tilbake { $date }.
retired-notice-case = Punkt { $label } ble trukket tilbake { $date } i sak { $case }.
retired-reason = Grunn:
retired-replaced = Se punkt { $label } i stedet.
