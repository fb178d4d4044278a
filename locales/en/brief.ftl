### brief's messages in English: the reference catalogue. Every other language has
### exactly the same ids (a test checks it); English stands in for anything missing.
###
### Conventions: no message starts or ends with a space (the code pads); keys the user
### can rebind arrive as arguments ($key…); counts arrive as numbers, so plurals use
### CLDR categories ([one], *[other]) and never "(s)"; text arguments are sanitised by
### the code before they arrive.

## Dates. Years arrive as text (never grouped as thousands); days and months as numbers.

date-month-short = { $month ->
        [1] Jan
        [2] Feb
        [3] Mar
        [4] Apr
        [5] May
        [6] Jun
        [7] Jul
        [8] Aug
        [9] Sep
        [10] Oct
        [11] Nov
       *[12] Dec
    }
date-month-long = { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    }
# A month on its own, as a heading.
date-month-standalone = { date-month-long }
date-day = { $day }
date-day-month = { date-day } { date-month-short }
date-day-month-year = { date-day } { date-month-short } { $year }
date-month-year = { date-month-short } { $year }
date-month = { date-month-short }
# $from is a day alone, $to a whole date: 10–13 Sep.
date-range-same-month = { $from }–{ $to }
date-range = { $from } – { $to }
date-month-heading = { date-month-standalone } { $year }
date-month-heading-yearless = { date-month-standalone } (year not stated)
date-time = { $date }, { $time }
date-time-utc = { $date }, { $time } UTC

## Labels drawn as part of a briefing: they follow the briefing's language.

doc-overview = Overview
doc-bottom-line = Bottom line
doc-date = Date
doc-date-not-stated = not stated
doc-language = Language
doc-sections = Sections
doc-tags = Tags
doc-sources = Sources
doc-accessed = accessed { $date }

kind-context = Context
kind-objectives = Objectives
kind-military-cooperation = Military cooperation
kind-interests = Interests
kind-technology = Technology
kind-challenges = Challenges
kind-implications = Implications
kind-possible-dates = Possible dates
kind-assessment = Assessment

# Three columns at most, legible without colour.
kind-badge-context = CTX
kind-badge-objectives = OBJ
kind-badge-military-cooperation = MIL
kind-badge-interests = INT
kind-badge-technology = TEC
kind-badge-challenges = CHL
kind-badge-implications = IMP
kind-badge-possible-dates = DAT
kind-badge-assessment = ASM

# How sure a source is of a structured date; shown in brackets after it.
confidence-confirmed = confirmed
confidence-reported = reported
confidence-speculative = speculative
confidence-unconfirmed = unconfirmed

# `brief show` prints a briefing: these follow the briefing's language too.
show-id = id: { $id }
show-date = date: { $date }
show-language = language: { $language }
show-tags = tags: { $tags }
show-source = source: { $source }
show-source-cited = source { $label }: { $source }
show-section-date = Date: { $date }

## Key names as the help and hints show them (the config always uses the English ones).

key-enter = Enter
key-esc = Esc
key-tab = Tab
key-backtab = Shift-Tab
key-backspace = Backspace
key-delete = Delete
key-insert = Insert
key-up = ↑
key-down = ↓
key-left = ←
key-right = →
key-home = Home
key-end = End
key-pageup = PageUp
key-pagedown = PageDown
key-space = Space
key-ctrl = Ctrl
key-alt = Alt
key-shift = Shift

## The reader's actions, as the help lists them (one per action of the keymap).

action-quit = Quit (closes the panel or overlay on top first)
action-force-quit = Quit at once, from anywhere
action-help = Show the keys of this screen, then the keys that work everywhere
action-messages = The message log: every message of this session, errors first until seen
action-library = The library of briefings
action-timeline = Every date of the library on one timeline
action-compare = One kind of section across all briefings, side by side
action-library-search = Search every briefing and note in the library
action-finder = Jump to a section or briefing by fuzzy title
action-next = Down: the next paragraph, entry or result
action-previous = Up: the previous paragraph, entry or result
action-top = The first one
action-bottom = The last one
action-page-down = A page down
action-page-up = A page up
action-half-page-down = Half a page down
action-half-page-up = Half a page up
action-open = Open what is selected
action-back = Back: clear the filter or search, close the panel, or leave the screen
action-search = Search as you type: the text in the reader, the list elsewhere
action-next-section = Next section
action-previous-section = Previous section (or the start of this one)
action-focus-next = Move focus to the other pane
action-focus-previous = Move focus to the other pane, backwards
action-focus-outline = Focus the outline
action-search-next = Next search match
action-search-previous = Previous search match
action-toggle-bookmark = Bookmark the current paragraph (or remove its bookmark)
action-annotate = Write a note on the current paragraph (or edit its note)
action-select = Choose sentences of the paragraph to annotate
action-annotations = The bookmarks and notes panel
action-toggle-notes = Show or hide notes under their paragraphs
action-toggle-read = Mark the current section read or unread
action-export = Export this briefing's notes (to the export folder)
action-export-all = Export the notes of every briefing that has some
action-sources = The sources: their grades, what cites them, what rests on one alone
action-toggle-estimative = Show or hide the bands of estimative words (likely, probable…) under paragraphs
action-lints = Estimative language that mixes scales or is missing where it should be
action-changes = What changed in this section since it was read (Δ), word by word
action-withdraw = Withdraw the selected source, or take it back (kept with your notes)
action-outline-wider = A wider outline
action-outline-narrower = A narrower outline
action-sort = Sort by date or by title
action-edit = Edit the selected note
action-label = Give the selected bookmark a short label
action-delete = Move the selected note or bookmark to the trash
action-restore = Restore from the trash (the selected item, else the last deleted)
action-empty-trash = Empty the trash, after confirmation
action-confirm-move = Confirm a moved note at its new place
action-toggle-scope = This briefing's notes, or every briefing's
action-toggle-order = Document order, or newest first
action-extend-end = Choose one more sentence at the end
action-shrink-end = Choose one sentence fewer at the end
action-extend-start = Choose one more sentence at the start
action-shrink-start = Choose one sentence fewer at the start
action-next-kind = The next section kind
action-previous-kind = The previous section kind
action-sync-scroll = Scroll the columns together, or only the selected one
action-submit = Keep what was typed (search: keep the matches)
action-save = Save the note
action-cancel = Cancel (asks before discarding a changed note)
action-newline = A new line
action-cursor-left = Cursor left
action-cursor-right = Cursor right
action-cursor-up = Cursor up a line
action-cursor-down = Cursor down a line
action-word-left = Cursor to the previous word
action-word-right = Cursor to the next word
action-line-start = Cursor to the start of the line
action-line-end = Cursor to the end of the line
action-delete-back = Delete the character before the cursor
action-delete-forward = Delete the character under the cursor
action-delete-word-back = Delete the word before the cursor
action-delete-to-line-start = Delete from the start of the line to the cursor
action-undo = Undo
action-redo = Redo
action-yes = Yes
action-no = No

# The titles of the places keys go to (the config's [keys.<context>] tables), as the help shows them.
context-global = Everywhere
context-list = In every list
context-line-edit = Typing text
context-library = Library
context-reader = Reader
context-outline = Outline
context-panel = Bookmarks and notes
context-editor = Note editor
context-selection = Choosing sentences
context-prompt = Search or filter prompt
context-library-search = Search the library
context-finder = Go to
context-timeline = Timeline
context-compare = Compare
context-help = Help
context-confirm = Question
context-messages = Messages
context-sources = Sources
context-lints = Estimative language

## The reader: starting, the screen, messages common to every screen.

app-no-briefing = brief: no briefing found
app-needs-terminal = brief: the reader needs a terminal; to print a briefing use `brief show ID`, to list them `brief list`
app-terminal-failed = brief: cannot set up the terminal: { $error }
app-error = brief: { $error }
app-notes-not-kept = notes cannot be kept: { $reason }
app-load-problems = { $count ->
        [one] { $count } file could not be loaded
       *[other] { $count } files could not be loaded
    }: see the library ({ $key })
app-key-does-nothing = `{ $chord }` does nothing here; { $help } shows the keys
app-briefing-changed = briefing changed: { $moved ->
        [one] { $moved } note moved
       *[other] { $moved } notes moved
    }, { $orphans ->
        [one] { $orphans } needs review
       *[other] { $orphans } need review
    }; { $key } lists them
app-too-small = terminal too small ({ $width }×{ $height })
app-too-small-short = too small
app-loading = loading { $done } / { $total }
app-action-does-nothing = { $action } does nothing here; { $help } shows the keys
app-no-such-briefing = no briefing `{ $id }` in the library
app-draft-not-kept = the draft could not be kept: { $error }
app-open-briefing-first = open a briefing first
app-index-waiting = another brief is indexing this library: waiting for it
app-cannot-open = cannot open `{ $id }`: { $error }
app-confirm-title = Question
app-confirm-keys = { $yes } yes · { $no } no
app-log-title = Messages · newest first · { $close } closes
app-log-empty = No message yet.
app-log-warning = warning:
app-log-error = error:
filter-label = Filter:

## The status line: modes, position, search, hints (one word or two each).

mode-help = HELP
mode-note = NOTE
mode-notes = NOTES
mode-search-all = SEARCH ALL
mode-go-to = GO TO
mode-library = LIBRARY
mode-timeline = TIMELINE
mode-compare = COMPARE
mode-outline = OUTLINE
mode-select = SELECT
mode-search = SEARCH
mode-read = READ
mode-messages = MESSAGES
mode-filter = FILTER
mode-question = QUESTION
status-overview = overview/{ $total }
status-percent = { $percent }%
status-unsaved = { $count ->
        [one] { $count } briefing not saved yet
       *[other] { $count } briefings not saved yet
    }
hint-close = close
hint-scroll = scroll
hint-save = save
hint-cancel = cancel
hint-go = go
hint-edit = edit
hint-delete = delete
hint-restore = restore
hint-filter = filter
hint-all = all
hint-search = search
hint-move = move
hint-open = open
hint-keep = keep
hint-note = note
hint-bookmark = bookmark
hint-leave = leave
hint-back = back
hint-kind = kind
hint-section = section
hint-sort = sort
hint-read = read
hint-reader = reader
hint-help = help
hint-quit = quit
hint-match = match
hint-clear = clear
hint-mark = mark
hint-more-fewer = more/fewer
hint-start = start
hint-yes = yes
hint-no = no

## The reading pane and the outline.

outline-title = Outline
reader-note-preview-moved = (moved: { $key } in the notes panel confirms its new place) { $text }

## The reader's chrome, and the labels it draws in a briefing (added when the reader
## was translated). The `doc-*` messages follow the briefing's language; the rest
## follow the interface's.

# The status line.
mode-sources = SOURCES
mode-estimative = ESTIMATIVE
hint-together = together
hint-withdraw = withdraw
status-unsaved-failing = { $count ->
        [one] { $count } briefing not saved: saving fails
       *[other] { $count } briefings not saved: saving fails
    }
status-stale = showing the last good version — { $key } for details

# Drawn in a briefing.
doc-graded = graded { $grade }
doc-withdrawn = withdrawn
# $label is the briefing's word for its sources; $list names them with their grades.
doc-sources-list = { $label }: { $list }
doc-cites = cites { $list }
doc-single-source = a single source
doc-content-up-to = content up to { $marking }

# The reading pane and the outline.
reader-note-more = { $count ->
        [one] … { $count } more line, in the notes panel
       *[other] … { $count } more lines, in the notes panel
    }
reader-outline-no-room = the screen is too narrow for the outline beside the text
reader-outline-widest = the outline is as wide as its share of the screen (outline_width in the config)
reader-outline-narrowest = the outline is as narrow as it gets

# A passage of a briefing quoted in a list (the notes panel, the sources view).
text-quoted = “{ $text }”

# The notes panel.
panel-label-prompt = Label:
panel-label-removed = label removed
panel-label-saved = label saved with the bookmark
panel-labels-for-bookmarks = labels are for bookmarks; { $edit } edits a note's text
panel-preview-note = Note
panel-preview-bookmark = Bookmark
panel-preview-in-trash = in the trash
panel-preview-moved = moved: its passage was found elsewhere
panel-preview-orphan = needs review: its passage is gone
panel-preview-no-label = (no label)
panel-preview-label = Label: { $label }
panel-preview-more = … (the rest in the editor)

# The sources view.
sources-title = Sources · { $key } withdraws or takes back
sources-none = This briefing names no source.
sources-withdrawn-mark = WITHDRAWN
sources-not-graded = not graded
sources-no-id = no id: nothing can cite it
sources-cited-nowhere = cited nowhere
sources-whole-section = the whole section
sources-single = Resting on a single source: { $sections }
sources-nothing-to-filter = the sources view has nothing to filter: it lists every source
sources-cannot-withdraw = this source has no id: nothing cites it
sources-taken-back = source taken back
sources-withdrawn = source withdrawn: what depends on it is listed under it

# What changed in a section since it was read (the "what changed" key on a Δ section).
changes-heading = What changed in § { $number } { $title } since you read it
changes-legend = { $deleted ->
        [one] { $deleted } word deleted [-so-]
       *[other] { $deleted } words deleted [-so-]
    }, { $inserted ->
        [one] { $inserted } inserted {"{"}+so+{"}"}
       *[other] { $inserted } inserted {"{"}+so+{"}"}
    } — Esc returns to the text
changes-not-a-section = what changed is shown for a section: move to one first
changes-not-read = this section is not marked read: nothing to compare with
changes-none = this section has not changed since you read it
changes-not-kept = the text as you read it was not kept (read before brief kept it, or too long)

# What a source's grade means (the Admiralty code), in the sources view.
grade-reliability-a = completely reliable
grade-reliability-b = usually reliable
grade-reliability-c = fairly reliable
grade-reliability-d = not usually reliable
grade-reliability-e = unreliable
grade-reliability-f = reliability cannot be judged
grade-credibility-1 = confirmed by other sources
grade-credibility-2 = probably true
grade-credibility-3 = possibly true
grade-credibility-4 = doubtful
grade-credibility-5 = improbable
grade-credibility-6 = truth cannot be judged
grade-meaning = { $reliability }; { $credibility }

# Who may receive a TLP label: its meaning without its colour.
tlp-meaning-clear = no limit on disclosure
tlp-meaning-green = limited to the community; not for public release
tlp-meaning-amber = limited to the organisation and its clients, on a need-to-know basis
tlp-meaning-amber-strict = limited to the organisation only
tlp-meaning-red = for the named recipients only

# The estimative-language panel.
lints-title = Estimative language (ICD 203)
lints-none = Nothing to report: likelihood and confidence are stated apart, on one scale.
lints-nothing-to-filter = the panel has nothing to filter: it lists every warning
lints-nothing-to-open = no warning to go to: the briefing passes the lint

## Bookmarks, notes, selection, read marks.

notes-read-only = these notes were written by a newer brief: read-only
notes-not-on-overview = notes and bookmarks attach to a section's paragraphs, not the overview
notes-bookmark-removed = bookmark removed (the notes panel, { $key }, can restore it)
notes-bookmarked = bookmarked
notes-no-text-to-choose = this paragraph has no text to choose
notes-shown = notes shown under their paragraphs
notes-hidden = notes hidden
estimative-shown = the bands of estimative words are shown under their paragraphs
estimative-hidden = estimative bands hidden
notes-marked-read = marked read
notes-marked-unread = marked unread
notes-no-text-to-annotate = this briefing has no text to annotate
notes-overview-not-a-section = the overview is not a section: move into one to mark it read

## The note editor.

editor-placeholder = Write the note; #tags become its tags
editor-title-new = New note · { $save } saves · { $cancel } cancels
editor-title-edit = Edit note · { $save } saves · { $cancel } cancels
editor-empty-not-saved = an empty note is not saved; { $delete } in the notes panel ({ $panel }) deletes a note
editor-saved = note saved
editor-draft-recovered = recovered an unsaved note from { $when }: { $save } saves it, { $cancel } discards it
editor-discard-question = Discard the changes to this note?
editor-discarded = changes discarded

## The annotations panel.

panel-title = Bookmarks and notes · { $scope } · { $order }
panel-scope-all = every briefing
panel-scope-this = this briefing
panel-order-newest = newest first
panel-order-document = in document order
panel-help = { $filter } filters by #tag or words · { $scope }: every briefing · { $order }: order · { $confirm }: confirm a move
panel-empty = No bookmarks or notes yet: { $bookmark } bookmarks the current paragraph, { $note } writes a note.
panel-moved = [moved]
panel-section-missing = (section { $id })
panel-needs-review = Needs review · { $count } not found in the current text
panel-newest-first = Newest first
panel-trash = Trash · { $count } · { $restore } restores, { $empty } empties it
panel-removed-for-good = { $count ->
        [one] { $count } item removed for good
       *[other] { $count } items removed for good
    }
panel-other-briefing = open that briefing ({ $open }) to change its notes
panel-in-trash = in the trash: { $restore } restores it first
panel-passage-gone = its passage is no longer in the briefing: the quote is kept here
panel-moved-to-trash = moved to the trash: { $restore } restores it
panel-trash-empty = the trash is empty
panel-restored = restored
panel-move-confirmed = new place confirmed
panel-no-match = No note matches the filter; { $key } clears it.
panel-empty-all = No bookmarks or notes in any briefing yet.
panel-empty-trash-question = Empty the trash? Its notes and bookmarks are removed for good.
panel-bookmark-no-text = a bookmark has no text to edit
panel-restore-first = restore it from the trash first
panel-already-in-trash = already in the trash
panel-only-moved = only a moved note needs confirming
panel-needs-briefing = open a briefing first: its notes are listed here

## Saving notes, and exporting them from the reader.

store-cannot-read = cannot read notes: { $error }
store-conflicts = { $count ->
        [one] { $count } note was edited elsewhere too: both texts kept, one as a conflict copy
       *[other] { $count } notes were edited elsewhere too: both texts kept, one as a conflict copy
    }
store-saved = notes saved
store-save-failed = notes not saved ({ $error }); kept in memory, retrying
store-rescued = your notes are safe in { $path }: it is a store file; put it back as { $target } once the data folder can be written
store-rescue-failed = the notes could not be rescued either: { $error }
store-busy = store busy (another brief is writing it): will retry
store-briefing-not-saved = notes of `{ $id }` could not be saved: { $error }
export-not-kept = notes are not kept in this session: nothing to export
export-nothing-yet = no bookmarks or notes to export yet
export-done = exported to { $path }
export-failed = export failed: { $error }
export-cancelled = export cancelled: nothing written
# The question before exporting what TLP:RED or TLP:AMBER+STRICT restricts; $list
# holds one export-consent-item per briefing, separated by semicolons.
export-consent-question = Export { $count ->
        [one] a briefing
       *[other] { $count } briefings
    } whose label restricts sharing? { $list }
export-consent-item = “{ $title }” is { $label } ({ $meaning })
export-consent-line = `{ $id }` “{ $title }” is { $label }: { $meaning }
export-consent-reason = this export holds { $labels } content, which needs explicit consent to share: { $list }
cli-export-consent-needed = brief: not exported: { $labels } content needs your explicit consent to leave brief:
cli-export-consent-how = brief: to export it all the same, add { $flags } (nothing was written)

## Reloading a briefing edited on disk.

reload-broken = the file no longer loads; showing the last good version: { $problem }
reload-id-changed = the file's id changed to `{ $id }`: reopen it from the library to read it
reload-done = reloaded: { $count ->
        [one] { $count } section changed
       *[other] { $count } sections changed
    }
reload-does-not-load = it does not load

## Opening a large briefing: its first sections at once, the rest read behind them.

head-shown = { $count ->
        [one] showing the first section; reading the rest of the file…
       *[other] showing the first { $count } sections; reading the rest of the file…
    }
head-whole = the whole briefing is read: { $count ->
        [one] { $count } section
       *[other] { $count } sections
    }

## Searching a briefing, the library, and the finder.

search-none = no search: { $key } starts one
search-no-match-for = no match for “{ $query }”
search-wrapped-top = search wrapped to the top
search-wrapped-bottom = search wrapped to the bottom
search-indexing = indexing…
search-no-match = no match
search-match = match { $current }/{ $total }
search-match-capped = match { $current }/{ $total }+
search-all-title = Search the library
search-all-indexing = indexing the library…
search-all-prompt = type to search titles, tags, summaries, sections and notes
search-all-searching = { $count } found, searching…
search-all-found = { $count } found
search-field-title = title
search-field-tags = tags
search-field-summary = summary
search-field-note = note
# Before a hit's snippet: where it was found.
search-all-place = { $place }:
finder-title = Go to a section or briefing
finder-count = { $shown } of { $total }

## The help overlay.

help-title = Help · { $context } · { $close } closes
help-mouse = Mouse
help-mouse-click-key = click
help-mouse-click = Jump to an outline entry, or put the cursor on a paragraph
help-mouse-wheel-key = wheel
help-mouse-wheel = Scroll the pane under the pointer
help-this-screen = { $context } — this screen
help-letters-key = letters
help-letters = Typed as text here

## The library screen.

library-title = Library · { $shown } of { $total ->
        [one] { $total } briefing
       *[other] { $total } briefings
    } · { $sort }
library-sort-date = by date
library-sort-title = by title
library-checking = checking files
library-indexing = indexing { $done } / { $total }
library-filter-prompt = Filter: { $key } filters by title, id, language or tag
library-col-date = DATE
library-col-lang = LANG
library-col-unread = UNREAD
library-col-notes = NOTES
library-col-title-tags = TITLE · TAGS
library-col-title = TITLE
library-empty = No briefing loaded.
library-no-match = Nothing matches the filter.
library-problems = { $count ->
        [one] { $count } problem loading briefings:
       *[other] { $count } problems loading briefings:
    }
library-nothing-to-open = no briefing to open
library-first-screen = this is the first screen: { $quit } quits

## The timeline and compare views.

timeline-title = Timeline · { $dates ->
        [one] { $dates } date
       *[other] { $dates } dates
    } in { $briefings ->
        [one] { $briefings } briefing
       *[other] { $briefings } briefings
    }
timeline-empty = No briefing in the library has structured dates ([[sections.dates]]).
timeline-today = today · { $date }
timeline-title-filtered = Timeline · { $shown } of { $dates ->
        [one] { $dates } date
       *[other] { $dates } dates
    } in { $briefings ->
        [one] { $briefings } briefing
       *[other] { $briefings } briefings
    }
timeline-no-match = No date matches the filter.
timeline-year-not-stated = year not stated
timeline-day-not-stated = ◆ day not stated
timeline-cannot-read = the timeline cannot be read: { $error }
compare-no-kind = Compare · no section in the library has a kind
compare-title = Compare · { $kind } · { $count ->
        [one] { $count } section
       *[other] { $count } sections
    } across the library
# The title when room is short.
compare-title-short = Compare · { $kind } · { $count ->
        [one] { $count } section
       *[other] { $count } sections
    }
compare-reading = Compare · reading the sections…
compare-no-match = No section of this kind matches the filter.
compare-position = { $current } of { $total }
compare-most-recent = the { $shown } most recent of { $total } briefings ({ $key } narrows)
compare-columns-shown = briefings { $first }–{ $last } of { $total }
compare-scrolling-together = scrolling together
compare-scrolling-separately = scrolling separately
compare-together = the columns scroll together
compare-separately = only the selected column scrolls
compare-together-stacked = the columns scroll together (when side by side)
compare-separately-stacked = only the selected column scrolls (when side by side)
compare-cannot-read = the sections cannot be read: { $error }
compare-nothing = Nothing of this kind.

## Key bindings in the config.

keys-not-a-key = `{ $key }` is not a key: use a character, a name such as Enter or PageDown, or Ctrl-/Alt-/Shift- with one
keys-unknown-action = unknown action `{ $action }` in { $place }; the actions are: { $actions }
keys-bound-twice = key `{ $key }` is bound to both `{ $first }` and `{ $second }` in [keys.{ $table }]; give it to one of them
keys-inherited-clash = key `{ $key }` is `{ $first }` in [keys.{ $table }] and `{ $second }` in [keys.{ $parent }], which [keys.{ $table }] inherits; give one of them another key
keys-not-a-table = `keys` is a table: [keys.reader], [keys.panel]…
keys-unknown-table = unknown key table [keys.{ $table }]; the tables are: { $tables }
keys-action-not-here = `{ $action }` does nothing in [keys.{ $table }]; its actions are: { $actions }
keys-needs-list-or-table = `{ $action }` needs a list of keys, e.g. ["j", "Down"], or a table of them
keys-needs-list = `{ $action }` needs a list of keys, e.g. ["j", "Down"]
keys-key-is-string = a key is written as a string, e.g. "Ctrl-d"
keys-types-text = `{ $key }` types text in [keys.{ $table }]: bind a key with Ctrl or Alt, or a named key

## The config file.

config-invalid = invalid config: { $message }
config-not-utf8 = invalid UTF-8 in config
config-max-width = `max_width` must be at least 20 columns
config-outline-width = `outline_width` is a percentage of the screen between 10 and 60
config-no-home = no home folder to keep notes in: set `data_dir` or ${ $variable }
config-estimative-failed = { $problem } — the bundled estimative terms are used

## The command line: help (clap). The ids follow the command line: `cli-about-<command>`
## (the root command is `brief`), and `cli-long-<command>` for the paragraphs `--help`
## adds; `cli-arg-<command>-<argument>` and `cli-long-arg-<command>-<argument>`;
## `cli-value-<type>-<value>` for what an argument takes. Written as sentences: the code
## drops the last full stop where clap shows a single line (a test checks every
## command, argument and value has its message).

cli-about-brief = A terminal reader for structured analyst briefings.
cli-long-brief = Run with no command to open the reader on PATHs (files or folders of briefings), or on `briefings_dir` from the config, or on ./briefings, or on the briefings built into brief.
cli-arg-brief-config = Read the config from this file (default: $BRIEF_CONFIG, then the platform config dir).
cli-arg-brief-paths = Briefing files or folders to open in the reader.
# Shared by several commands.
cli-paths = Files or folders (default: as for the reader).
cli-from = Briefing files or folders (default: as for the reader).
cli-format = Output format.

cli-about-check = Validate briefings: each problem as `file:line:col: error|warning: message`.
cli-long-check = Exits 0 when there is no error (warnings allowed), 1 on any error.
cli-arg-check-paths = { cli-paths }
cli-arg-check-format = { cli-format }
cli-arg-check-lint = Also check the estimative language (ICD 203), as warnings: a sentence that states both a confidence level and a likelihood, a briefing that mixes the two rows of the likelihood scale, an assessment section that states neither.

cli-about-list = List briefings: id, date, language, title, sections, tags.
cli-arg-list-paths = { cli-paths }
cli-arg-list-format = { cli-format }

cli-about-show = Print a briefing as wrapped plain text, for piping into less or grep.
cli-arg-show-briefing = The briefing: its id (see `brief list`) or its file.
cli-arg-show-section = Only this section (its id).
cli-arg-show-width = Wrap to this many columns.
cli-arg-show-paths = Files or folders to look in (default: as for the reader).

cli-about-search = Search briefings and their notes: every match as `file:section:line: snippet`, like grep; notes as `file:section:line: [note] snippet`.
cli-long-search = Folds case (an uppercase letter makes the search case-sensitive), accents and typography: `cooperation` finds `coopération`. Exits 0 when something matches, 1 when nothing does, 2 on an error.
cli-arg-search-query = What to look for.
cli-arg-search-paths = { cli-paths }
cli-arg-search-no-notes = Leave notes out: search the briefings only.
cli-arg-search-format = { cli-format }

cli-about-notes = List bookmarks and notes, with their status against the briefings as they are now.
cli-long-notes = Status: attached, moved (found elsewhere; confirm it in the reader) or orphan (its passage is gone; the quote is kept). An id that is neither in the library nor in the store is an error (exit 1).
cli-arg-notes-ids = Only these briefings (ids; default: every briefing with annotations).
cli-arg-notes-tag = Only notes carrying this #tag (case and accents aside: `a-verifier` finds `#à-vérifier`).
cli-arg-notes-orphans = Only annotations whose passage was not found.
cli-arg-notes-format = { cli-format }
cli-arg-notes-paths = { cli-from }

cli-about-export = Export annotated notes: Markdown, JSON (for other tools; `import-notes` reads it back), a printable HTML page, a STIX 2.1 bundle or W3C Web Annotations (both read back by `import-notes`).
cli-long-export = Exports the briefings that have notes or bookmarks (passing the filters), or the ids named. Notes of a briefing no longer in the library are exported from the store, under "Needs review". An unknown id is an error (exit 1). Every export carries the highest marking and TLP of what it holds at its top and bottom, and each note its own portion mark; a briefing labelled TLP:RED or TLP:AMBER+STRICT is exported only with --allow.
cli-arg-export-ids = The briefings (ids; default: every briefing with annotations).
cli-arg-export-format = The format.
cli-arg-export-tag = Only notes carrying this #tag (case and accents aside).
cli-arg-export-since = Only annotations changed at or after this moment: a date, a date and time, 7d, 2w, today or yesterday.
cli-long-arg-export-since = A date: 2024-09-05. A date and time: 2024-09-05T08:30, in UTC unless it ends with Z or an offset such as +02:00. A number of days or weeks back: 7d, 2w. Days are UTC days.
cli-arg-export-output = Write to this file (`-` for standard output).
cli-long-arg-export-output = An existing file is replaced only with --force; a device (`/dev/stdout`) is written in place. Default: a new file in the current folder, named after the briefing and the time.
cli-arg-export-force = Replace FILE if it exists.
cli-arg-export-allow = Consent to export briefings labelled with this TLP: `tlp:red`, `tlp:amber+strict` (repeat it, or separate with commas, for both).
cli-long-arg-export-allow = Without it, an export holding such a briefing is refused (exit 1), naming them; nothing is written.
cli-arg-export-paths = { cli-from }

cli-about-import-notes = Merge notes from an export (brief's JSON, STIX 2.1 or W3C Web Annotation) into the store, by id (nothing is lost: a note edited on both sides keeps both texts).
cli-arg-import-notes-file = The export.

cli-about-import = Turn a plain-text or Markdown article into a TOML briefing draft.
cli-long-import = Guesses the title, the headings and each section's kind (French and English keywords), the date from the dateline, a summary from the lead paragraph, and the dates the text states (a year the text does not give stays unstated unless --year); prints what it guessed. The draft passes `brief check`. An existing file is never overwritten without --force.
cli-arg-import-file = The article (plain text, or Markdown for .md files).
cli-arg-import-lang = The article's language (guessed when not given).
cli-arg-import-id = The briefing's id (default: a slug of the file name).
cli-arg-import-year = The year of dates the text states without one.
cli-arg-import-output = Where to write the draft (`-` for standard output; default: ./ID.toml).
cli-arg-import-force = Replace OUT if it exists.

cli-about-index = Build or refresh the catalogue and search index of library folders (a cache, under the config's `cache_dir`), with progress on stderr; `brief search` uses it.
cli-long-index = Only files added, changed or removed since the last run are read. With --check, changes nothing: exits 0 when the index is up to date, 1 listing what is stale.
cli-arg-index-paths = Library folders (default: as for the reader).
cli-arg-index-check = Check the index instead of refreshing it.

cli-about-completions = Print the shell code that completes brief's commands, options, briefing ids and section ids.
cli-long-completions = Bash: `source <(brief completions bash)` in ~/.bashrc. Zsh: `source <(brief completions zsh)` in ~/.zshrc. Fish: `brief completions fish | source` in ~/.config/fish/config.fish. The code asks brief for candidates as you type, so ids come from your library and store.
cli-arg-completions-shell = The shell.

cli-about-man = Print the manual page (roff), generated from this command line: `brief man > brief.1`; given a folder, write one page per command into it.
cli-arg-man-dir = The folder to write `brief.1`, `brief-export.1`… into.

cli-about-help = Print this message or the help of the given subcommands.

cli-value-format-text = For people.
cli-value-format-json = For programs (schemas in docs/cli-json.md).
cli-value-export-format-markdown = CommonMark, every quoted or written text escaped so it stays literal.
cli-value-export-format-json = The versioned JSON schema that `brief import-notes` reads back.
cli-value-export-format-html = One self-contained printable page: inline CSS, no script, no external request.
cli-value-export-format-stix = A STIX 2.1 bundle (a report per briefing, a note per note or bookmark) for threat intelligence platforms; `brief import-notes` reads it back.
cli-value-export-format-w3c = A W3C Web Annotation collection (JSON-LD) for annotation tools; `brief import-notes` reads it back.
cli-value-allow-tlp-amber-strict = TLP:AMBER+STRICT: limited to the organisation only.
cli-value-allow-tlp-red = TLP:RED: for the named recipients only.
cli-value-shell-bash = GNU Bash (4.4 or later for the best results).
cli-value-shell-zsh = Zsh.
cli-value-shell-fish = Fish.
cli-value-shell-elvish = Elvish.
cli-value-shell-powershell = PowerShell.

# Clap's own words. The headings end with their colon (clap writes it after the name).
cli-help-usage = Usage:
cli-help-commands = Commands:
cli-help-arguments = Arguments:
cli-help-options = Options:
cli-help-flag = Print help.
cli-help-flag-more = Print help (see more with '--help').
cli-help-flag-summary = Print help (see a summary with '-h').
cli-version-flag = Print version.
cli-help-default = [default: { $value }]
cli-help-values = [possible values: { $values }]
cli-help-values-heading = Possible values:

## The command line: output and errors. JSON output never changes with the language;
## the `file:line:col: error:` prefix of problems stays as it is, for tools, and so do
## the status words `brief index --check` prints on stdout. Messages from the loader,
## the store and the index (what follows `brief:` in `cli-error`) are English for now.

cli-error = brief: { $message }
cli-cannot-write-output = brief: cannot write output: { $error }
cli-check-summary = { $briefings ->
        [one] { $briefings } briefing loaded
       *[other] { $briefings } briefings loaded
    }, { $errors ->
        [one] { $errors } error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] { $warnings } warning
       *[other] { $warnings } warnings
    }
# The columns of `brief list`.
cli-list-id = ID
cli-list-date = DATE
cli-list-lang = LANG
cli-list-title = TITLE
cli-list-sections = SECTIONS
cli-list-tags = TAGS
# An id no briefing has: $hint says where to find them, $closest the nearest ids.
cli-unknown-briefing = brief: no briefing with id `{ $id }` ({ $hint })
cli-unknown-briefing-closest = brief: no briefing with id `{ $id }` (closest: { $closest })
cli-unknown-section = brief: no section in `{ $briefing }` with id `{ $id }` ({ $hint })
cli-unknown-section-closest = brief: no section in `{ $briefing }` with id `{ $id }` (closest: { $closest })
cli-hint-list = see `brief list`, or give the briefing's file
cli-hint-list-notes = see `brief list` and `brief notes`
cli-hint-sections = sections: { $ids }
cli-hint-sections-more = … and { $count } more
cli-show-nothing-in-file = brief: { $file }: no briefing in it
cli-query-empty = brief: the query is empty
cli-search-notes-left-out = brief: notes of { $id } left out: { $error }
cli-briefing-error = brief: { $id }: { $error }
cli-notes-not-in-library = brief: briefing `{ $id }` is not in the library: its annotations are listed as orphans
cli-notes-status-attached = attached
cli-notes-status-moved = moved
cli-notes-status-orphan = orphan
cli-notes-bookmark = (bookmark)
cli-notes-bookmark-labelled = (bookmark: { $label })
# After `briefing:section: `; $what is the note's first line or a bookmark's words.
cli-notes-line = [{ $status }] { $what } — “{ $quote }”
cli-notes-none = no bookmarks or notes
cli-not-utf8 = not UTF-8 text
# The completion of a briefing id only the store knows.
cli-complete-store-only = notes of a briefing not in the library
cli-man-wrote = wrote the manual pages into { $folder }

# `brief export` (src/cli/export.rs).
cli-export-skipped = brief: skipped { $why }
cli-export-not-in-library = brief: `{ $id }` is not in the library: its notes are exported as the store keeps them, under "Needs review"
cli-export-nothing = brief: nothing to export
cli-export-wrote-new = wrote { $path } (a new file: give -o FILE to choose the name)
cli-export-cannot-write = brief: cannot write the export: { $error }

# `brief import`: what was guessed, one field a line, the values lined up by the code.
cli-import-exists = brief: { $path } exists; use --force to replace it, or -o to write elsewhere
cli-import-not-utf8 = invalid UTF-8: articles must be UTF-8 text
cli-import-label-title = title:
cli-import-label-language = language:
cli-import-label-date = date:
cli-import-label-summary = summary:
cli-import-label-sections = sections:
cli-import-label-dates = dates:
cli-import-language-guessed = { $language } (guessed)
cli-import-date-found = { $date } (from the dateline)
cli-import-no-date = none found (no dateline)
cli-import-no-kind = (no kind: set one)
cli-import-no-dates = none found
cli-import-dates-count = { $count ->
        [one] { $count }, `unconfirmed`
       *[other] { $count }, all `unconfirmed`
    }
cli-import-wrote = wrote { $path }: check the title, summary, kinds and dates, then run `brief check { $path }`
cli-cannot-write = brief: cannot write { $path }: { $error }

# `brief index`: on stderr, as it goes.
cli-index-no-folder = brief: no library folder to index (give one, or set `briefings_dir`; the bundled briefings need no index)
cli-index-not-a-folder = brief: { $path }: not a folder (an index is kept per library folder)
cli-index-waiting = { $folder }: another brief is indexing this folder; waiting for it
cli-index-scanned = { $folder }: { $files ->
        [one] { $files } file
       *[other] { $files } files
    }, { $read } to read, { $removed } gone
cli-index-progress = { $folder }: indexing { $done }/{ $total }
cli-index-progress-line = { $folder }: indexed { $done }/{ $total }
cli-index-done = { $folder }: { $files ->
        [one] { $files } file
       *[other] { $files } files
    }, { $read } read ({ $added } new, { $updated } changed), { $removed } removed, notes of { $notes ->
        [one] { $notes } briefing
       *[other] { $notes } briefings
    } indexed, in { $seconds } s
cli-index-missing = brief: { $folder }: no index (`brief index { $folder }` builds it)
cli-index-up-to-date = { $folder }: the index is up to date
cli-index-out-of-date = brief: the index of { $folder } is out of date ({ $count ->
        [one] { $count } file changed
       *[other] { $count } files changed
    } since `brief index`): searching every file

# What `brief import-notes` did.
import-summary = { $briefings ->
        [one] { $briefings } briefing
       *[other] { $briefings } briefings
    }: { $parts }
import-added = { $count } added
import-updated = { $count } updated
import-unchanged = { $count } unchanged
import-left-deleted = { $count } left deleted
import-conflicts = { $count ->
        [one] { $count } conflict copy
       *[other] { $count } conflict copies
    }
import-error-syntax = line { $line }, column { $column }: not valid JSON: { $message }
import-error-at = line { $line }, column { $column }: { $message }
import-error-no-schema = this is not a brief notes export: it has no `schema` number (expected { $expected })
import-error-newer-schema = this notes export has `schema` { $found }, but this version of brief reads schema { $expected } only (a higher number means a newer brief wrote it: update brief to import it)

## Exports (Markdown, HTML): headings follow the language of their briefing.

export-title = Notes
export-title-one = Notes — { $title }
export-title-many = Notes on { $count ->
        [one] { $count } briefing
       *[other] { $count } briefings
    }
# A label before its value in an export's header: `Briefing:`.
export-field = { $label }:
export-meta-status = Status
export-not-in-library = not in the library any more: its notes are listed as the store keeps them
export-kicker = Annotated notes
export-no-briefing = No briefing to export.
export-no-notes = No notes or bookmarks to export.
export-needs-review = Needs review
export-review-intro = These annotations were not found in the briefing as it is now. Nothing was deleted: check them in brief.
export-bookmarks-to-review = Bookmarks to review
export-bookmarks = Bookmarks
export-made-on-section = Made on section
export-made-on-section-inline = made on section
export-section-gone = { $section } (no longer in the briefing)
export-made-on = Made on section { $section } — { $title }
export-made-on-gone = Made on section { $section } (no longer in the briefing)
export-meta-briefing = Briefing
export-meta-classification = Classification
export-meta-exported = Exported
export-meta-annotations = Annotations
export-counts = { $notes ->
        [one] { $notes } note
       *[other] { $notes } notes
    }, { $bookmarks ->
        [one] { $bookmarks } bookmark
       *[other] { $bookmarks } bookmarks
    }
export-filter-tag = notes tagged #{ $tag }
export-filter-since = updated since { $date }
export-no-passage = (no passage)
export-created = Created { $created }
export-created-updated = Created { $created } · updated { $updated }
export-moved = moved — confirm in brief
export-conflict = Conflict copy of note { $id }: the same note was edited in two places
export-tags = Tags: { $tags }
export-skipped-no-notes = `{ $id }` has no notes or bookmarks
export-skipped-filtered = `{ $id }` has no notes or bookmarks passing the filters
export-skipped-unreadable = { $id }: { $error }
export-skipped-not-in-library = `{ $id }` is not in the library
export-bad-file-name = `{ $name }` cannot be used as a file name
export-too-many-variants = { $count } files named like `{ $name }` already exist
export-needs-briefing = open a briefing first, or export every one
