# The words about the versions of the document: which version a page
# shows, who adopted it and when it applied, what changed, and
# translations not yet brought up to date. Dates ($date, $from, $until …)
# are written out.

version-heading = Version
version-adopted = This version was adopted by { $body } on { $date }, case { $case }.
version-in-force = It applies from { $from }.
version-applied = It applied from { $from } to { $until }.
version-dated-link = Permanent address of this version
version-list = All versions
version-item = The version of { $date } ({ $case })
version-changes = What changed in this version
version-next-changes = What changed in the version after this one
version-print = The version of { $date } ({ $case }), in force
version-print-old = The version of { $date } ({ $case }), applied until { $until }, no longer in force
version-old-heading = This version no longer applies
version-old-notice = This version applied from { $from } to { $until }. The current version was adopted on { $date }, case { $case }.
version-old-link = Read the current version
version-lagging-heading = This translation is not up to date
version-lagging-notice = This translation follows the version adopted on { $follows }. A new version was adopted on { $date }, case { $case }, and the translation has not been brought up to date yet.
version-lagging-link = Read the current text { original-in }

history-changed = Changed on { $date }, case { $case }.
history-added = Added on { $date }, case { $case }.
history-earlier = The wording in the version of { $date }
history-short = The wording in earlier versions

diff-title = Changes in the version of { $date }
diff-lead = The rules of the version of { $date } compared with the version of { $before } ({ $case }). Words taken out are marked “removed”, words put in are marked “added”.
diff-changed-heading = Changed rules
diff-added-heading = New rules
diff-retired-heading = Rules taken out
diff-none = No rule was changed, added or taken out.
diff-removed = removed:
diff-inserted = added:
diff-end = end
diff-rule = Rule { $label }
diff-before-link = Rule { $label } in the version of { $date }
diff-version-link = The version of { $date }
