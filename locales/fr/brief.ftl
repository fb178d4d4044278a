### Les messages de brief en français. Mêmes identifiants que le catalogue anglais (un
### test le vérifie).
###
### Typographie : brief remplace à l’affichage l’espace écrite ici devant : ; ? ! % » et
### après « par une espace fine insécable (U+202F), et l’ajoute si elle manque après une
### lettre. Ce traitement ne touche que le texte du catalogue, jamais les arguments ; un
### passage à reproduire tel quel (un format, du code) s’écrit en littéral : { "a:b" }.
###
### Vocabulaire : briefing (m.), signet, note, annotation, section, type (de section),
### bibliothèque, plan, vue d’ensemble, chronologie, comparaison, corbeille ; les « tags »
### d’un briefing sont ses mots-clés, ceux d’une note (#…) ses étiquettes.

## Dates. Les années arrivent en texte (jamais groupées comme des milliers).

date-month-short = { $month ->
        [1] janv.
        [2] févr.
        [3] mars
        [4] avr.
        [5] mai
        [6] juin
        [7] juil.
        [8] août
        [9] sept.
        [10] oct.
        [11] nov.
       *[12] déc.
    }
date-month-long = { $month ->
        [1] janvier
        [2] février
        [3] mars
        [4] avril
        [5] mai
        [6] juin
        [7] juillet
        [8] août
        [9] septembre
        [10] octobre
        [11] novembre
       *[12] décembre
    }
# Un mois seul, en titre : avec une capitale.
date-month-standalone = { $month ->
        [1] Janvier
        [2] Février
        [3] Mars
        [4] Avril
        [5] Mai
        [6] Juin
        [7] Juillet
        [8] Août
        [9] Septembre
        [10] Octobre
        [11] Novembre
       *[12] Décembre
    }
date-day = { $day ->
        [1] 1er
       *[other] { $day }
    }
date-day-month = { date-day } { date-month-short }
date-day-month-year = { date-day } { date-month-short } { $year }
date-month-year = { date-month-short } { $year }
date-month = { date-month-short }
date-range-same-month = { $from }–{ $to }
date-range = { $from } – { $to }
date-month-heading = { date-month-standalone } { $year }
date-month-heading-yearless = { date-month-standalone } (année non précisée)
date-time = { $date } à { $time }
date-time-utc = { $date } à { $time } UTC

## Libellés qui font partie du briefing : ils suivent la langue du briefing.

doc-overview = Vue d’ensemble
doc-bottom-line = L’essentiel
doc-date = Date
doc-date-not-stated = non précisée
doc-language = Langue
doc-sections = Sections
doc-tags = Mots-clés
doc-sources = Sources
doc-accessed = consultée le { $date }

kind-context = Contexte
kind-objectives = Objectifs
kind-military-cooperation = Coopération militaire
kind-interests = Intérêts
kind-technology = Technologie
kind-challenges = Défis
kind-implications = Implications
kind-possible-dates = Dates possibles
kind-assessment = Évaluation

# Trois colonnes au plus, lisibles sans couleur.
kind-badge-context = CTX
kind-badge-objectives = OBJ
kind-badge-military-cooperation = MIL
kind-badge-interests = INT
kind-badge-technology = TEC
kind-badge-challenges = DÉF
kind-badge-implications = IMP
kind-badge-possible-dates = DAT
kind-badge-assessment = ÉVA

# Le degré de certitude d’une date structurée, entre parenthèses après elle (accordé
# avec « date »).
confidence-confirmed = confirmée
confidence-reported = rapportée
confidence-speculative = spéculative
confidence-unconfirmed = non confirmée

show-id = identifiant : { $id }
show-date = date : { $date }
show-language = langue : { $language }
show-tags = mots-clés : { $tags }
show-source = source : { $source }
show-source-cited = source { $label } : { $source }
show-section-date = Date : { $date }

## Noms des touches dans l’aide et les indications (la configuration garde les noms anglais).

key-enter = Entrée
key-esc = Échap
key-tab = Tab
key-backtab = Maj-Tab
key-backspace = Retour arrière
key-delete = Suppr
key-insert = Inser
key-up = ↑
key-down = ↓
key-left = ←
key-right = →
key-home = Début
key-end = Fin
key-pageup = PgPréc
key-pagedown = PgSuiv
key-space = Espace
key-ctrl = Ctrl
key-alt = Alt
key-shift = Maj

## Les actions de la lecture, telles que l’aide les liste.

action-quit = Quitter (ferme d’abord le panneau ou la fenêtre du dessus)
action-force-quit = Quitter immédiatement, où que l’on soit
action-help = Afficher les touches de cet écran, puis celles qui marchent partout
action-messages = Le journal : tous les messages de la session, les erreurs d’abord tant qu’elles n’ont pas été vues
action-library = La bibliothèque des briefings
action-timeline = Toutes les dates de la bibliothèque sur une chronologie
action-compare = Un type de section dans tous les briefings, côte à côte
action-library-search = Chercher dans tous les briefings et toutes les notes de la bibliothèque
action-finder = Aller à une section ou à un briefing par son titre, même approximatif
action-next = Bas : le paragraphe, l’entrée ou le résultat suivant
action-previous = Haut : le paragraphe, l’entrée ou le résultat précédent
action-top = Le premier
action-bottom = Le dernier
action-page-down = Une page plus bas
action-page-up = Une page plus haut
action-half-page-down = Une demi-page plus bas
action-half-page-up = Une demi-page plus haut
action-open = Ouvrir ce qui est sélectionné
action-back = Retour : effacer le filtre ou la recherche, fermer le panneau, ou quitter l’écran
action-search = Chercher au fil de la frappe : le texte en lecture, la liste ailleurs
action-next-section = Section suivante
action-previous-section = Section précédente (ou début de celle-ci)
action-focus-next = Passer à l’autre volet
action-focus-previous = Passer à l’autre volet, en sens inverse
action-focus-outline = Aller au plan
action-search-next = Résultat suivant
action-search-previous = Résultat précédent
action-toggle-bookmark = Poser un signet sur le paragraphe courant (ou le retirer)
action-annotate = Écrire une note sur le paragraphe courant (ou modifier sa note)
action-select = Choisir des phrases du paragraphe à annoter
action-annotations = Le panneau des signets et des notes
action-toggle-notes = Afficher ou masquer les notes sous leurs paragraphes
action-toggle-read = Marquer la section courante comme lue ou non lue
action-export = Exporter les notes de ce briefing (dans le dossier d’export)
action-export-all = Exporter les notes de tous les briefings qui en ont
action-sources = Les sources : leur cotation, ce qui les cite, ce qui ne repose que sur une
action-toggle-estimative = Afficher ou masquer sous les paragraphes les fourchettes des termes d’estimation (probable, vraisemblable…)
action-lints = Les termes d’estimation qui mêlent les échelles ou manquent là où il en faut
action-changes = Ce qui a changé dans cette section depuis sa lecture (Δ), mot à mot
action-withdraw = Retirer la source choisie, ou la rétablir (gardé avec vos notes)
action-outline-wider = Élargir le plan
action-outline-narrower = Rétrécir le plan
action-sort = Trier par date ou par titre
action-edit = Modifier la note sélectionnée
action-label = Donner un court libellé au signet sélectionné
action-delete = Mettre la note ou le signet sélectionné à la corbeille
action-restore = Rétablir depuis la corbeille (l’élément sélectionné, sinon le dernier supprimé)
action-empty-trash = Vider la corbeille, après confirmation
action-confirm-move = Confirmer une note déplacée à son nouvel emplacement
action-toggle-scope = Les notes de ce briefing, ou celles de tous les briefings
action-toggle-order = Ordre du document, ou les plus récentes d’abord
action-extend-end = Une phrase de plus à la fin
action-shrink-end = Une phrase de moins à la fin
action-extend-start = Une phrase de plus au début
action-shrink-start = Une phrase de moins au début
action-next-kind = Le type de section suivant
action-previous-kind = Le type de section précédent
action-sync-scroll = Faire défiler les colonnes ensemble, ou seulement celle qui est choisie
action-submit = Garder ce qui a été tapé (recherche : garder les résultats)
action-save = Enregistrer la note
action-cancel = Annuler (demande avant d’abandonner une note modifiée)
action-newline = Un retour à la ligne
action-cursor-left = Curseur à gauche
action-cursor-right = Curseur à droite
action-cursor-up = Curseur une ligne plus haut
action-cursor-down = Curseur une ligne plus bas
action-word-left = Curseur au mot précédent
action-word-right = Curseur au mot suivant
action-line-start = Curseur en début de ligne
action-line-end = Curseur en fin de ligne
action-delete-back = Effacer le caractère avant le curseur
action-delete-forward = Effacer le caractère sous le curseur
action-delete-word-back = Effacer le mot avant le curseur
action-delete-to-line-start = Effacer du début de la ligne jusqu’au curseur
action-undo = Annuler la dernière modification
action-redo = Rétablir la modification annulée
action-yes = Oui
action-no = Non

# Les titres des endroits où vont les touches (les tables [keys.<context>] de la configuration), dans l’aide.
context-global = Partout
context-list = Dans toutes les listes
context-line-edit = Saisie de texte
context-library = Bibliothèque
context-reader = Lecture
context-outline = Plan
context-panel = Signets et notes
context-editor = Éditeur de notes
context-selection = Choix de phrases
context-prompt = Invite de recherche ou de filtre
context-library-search = Rechercher dans la bibliothèque
context-finder = Aller à
context-timeline = Chronologie
context-compare = Comparaison
context-help = Aide
context-confirm = Question
context-messages = Messages
context-sources = Sources
context-lints = Langage d’estimation

## La lecture : démarrage, écran, messages communs.

app-no-briefing = brief : aucun briefing trouvé
app-needs-terminal = brief : la lecture a besoin d’un terminal ; pour imprimer un briefing, `brief show ID` ; pour les lister, `brief list`
app-terminal-failed = brief : impossible de préparer le terminal : { $error }
app-error = brief : { $error }
app-notes-not-kept = les notes ne peuvent pas être conservées : { $reason }
app-load-problems = { $count ->
        [one] { $count } fichier n’a pas pu être chargé
       *[other] { $count } fichiers n’ont pas pu être chargés
    } : voir la bibliothèque ({ $key })
app-key-does-nothing = `{ $chord }` n’a pas d’effet ici ; { $help } affiche les touches
app-briefing-changed = briefing modifié : { $moved ->
        [one] { $moved } note déplacée
       *[other] { $moved } notes déplacées
    }, { $orphans } à revoir ; { $key } les liste
app-too-small = terminal trop petit ({ $width }×{ $height })
app-too-small-short = trop petit
app-loading = chargement { $done } / { $total }
app-action-does-nothing = « { $action } » n’a pas d’effet ici ; { $help } affiche les touches
app-no-such-briefing = aucun briefing `{ $id }` dans la bibliothèque
app-draft-not-kept = le brouillon n’a pas pu être gardé : { $error }
app-open-briefing-first = ouvrez d’abord un briefing
app-index-waiting = un autre brief indexe cette bibliothèque : en attente
app-cannot-open = impossible d’ouvrir `{ $id }` : { $error }
app-confirm-title = Question
app-confirm-keys = { $yes } oui · { $no } non
app-log-title = Messages · les plus récents d’abord · { $close } ferme
app-log-empty = Aucun message pour l’instant.
app-log-warning = avertissement :
app-log-error = erreur :
filter-label = Filtre :

## La ligne d’état : modes, position, recherche, indications.

mode-help = AIDE
mode-note = NOTE
mode-notes = NOTES
mode-search-all = RECHERCHE GLOBALE
mode-go-to = ALLER À
mode-library = BIBLIOTHÈQUE
mode-timeline = CHRONOLOGIE
mode-compare = COMPARAISON
mode-outline = PLAN
mode-select = SÉLECTION
mode-search = RECHERCHE
mode-read = LECTURE
mode-messages = MESSAGES
mode-filter = FILTRE
mode-question = QUESTION
status-overview = aperçu/{ $total }
status-percent = { $percent } %
status-unsaved = { $count ->
        [one] { $count } briefing pas encore enregistré
       *[other] { $count } briefings pas encore enregistrés
    }
hint-close = fermer
hint-scroll = défiler
hint-save = enregistrer
hint-cancel = annuler
hint-go = aller
hint-edit = modifier
hint-delete = supprimer
hint-restore = rétablir
hint-filter = filtrer
hint-all = tout
hint-search = chercher
hint-move = parcourir
hint-open = ouvrir
hint-keep = garder
hint-note = note
hint-bookmark = signet
hint-leave = sortir
hint-back = retour
hint-kind = type
hint-section = section
hint-sort = trier
hint-read = lire
hint-reader = lecture
hint-help = aide
hint-quit = quitter
hint-match = résultat
hint-clear = effacer
hint-mark = signet
hint-more-fewer = plus/moins
hint-start = début
hint-yes = oui
hint-no = non

## Le volet de lecture et le plan.

outline-title = Plan
reader-note-preview-moved = (déplacée : { $key } dans le panneau des notes confirme son nouvel emplacement) { $text }

## L’habillage de la lecture, et les libellés qu’elle dessine dans un briefing (ajoutés
## avec la traduction de la lecture). Les messages `doc-*` suivent la langue du
## briefing ; les autres, celle de l’interface.

# La ligne d’état.
mode-sources = SOURCES
mode-estimative = ESTIMATION
hint-together = ensemble
hint-withdraw = retirer
status-unsaved-failing = { $count ->
        [one] { $count } briefing non enregistré : l’enregistrement échoue
       *[other] { $count } briefings non enregistrés : l’enregistrement échoue
    }
status-stale = dernière version valide affichée — { $key } pour le détail

# Dessiné dans un briefing (« source » est féminin).
doc-graded = cotée { $grade }
doc-withdrawn = retirée
doc-sources-list = { $label } : { $list }
doc-cites = cite { $list }
doc-single-source = une seule source
doc-content-up-to = contenu jusqu’à { $marking }

# Le volet de lecture et le plan.
reader-note-more = { $count ->
        [one] … { $count } ligne de plus, dans le panneau des notes
       *[other] … { $count } lignes de plus, dans le panneau des notes
    }
reader-outline-no-room = l’écran est trop étroit pour afficher le plan à côté du texte
reader-outline-widest = le plan occupe déjà toute sa part de l’écran (outline_width dans la configuration)
reader-outline-narrowest = le plan est aussi étroit que possible

# Un passage d’un briefing cité dans une liste (le panneau des notes, la vue des sources).
text-quoted = « { $text } »

# Le panneau des notes.
panel-label-prompt = Libellé :
panel-label-removed = libellé retiré
panel-label-saved = libellé enregistré avec le signet
panel-labels-for-bookmarks = les libellés sont réservés aux signets ; { $edit } modifie le texte d’une note
panel-preview-note = Note
panel-preview-bookmark = Signet
panel-preview-in-trash = dans la corbeille
panel-preview-moved = son passage a été retrouvé ailleurs
panel-preview-orphan = à revoir : son passage a disparu
panel-preview-no-label = (sans libellé)
panel-preview-label = Libellé : { $label }
panel-preview-more = … (la suite dans l’éditeur)

# La vue des sources.
sources-title = Sources · { $key } retire ou rétablit
sources-none = Ce briefing ne cite aucune source.
sources-withdrawn-mark = RETIRÉE
sources-not-graded = non cotée
sources-no-id = sans identifiant : rien ne peut la citer
sources-cited-nowhere = jamais citée
sources-whole-section = toute la section
sources-single = Sections reposant sur une seule source : { $sections }
sources-nothing-to-filter = la vue des sources n’a rien à filtrer : elle les liste toutes
sources-cannot-withdraw = cette source n’a pas d’identifiant : rien ne la cite
sources-taken-back = source rétablie
sources-withdrawn = source retirée : ce qui en dépend est listé sous elle

# Ce qui a changé dans une section depuis sa lecture (la touche « ce qui a changé » sur une section Δ).
changes-heading = Ce qui a changé dans le § { $number } { $title } depuis votre lecture
changes-legend = { $deleted ->
        [one] { $deleted } mot supprimé [-ainsi-]
       *[other] { $deleted } mots supprimés [-ainsi-]
    }, { $inserted ->
        [one] { $inserted } ajouté {"{"}+ainsi+{"}"}
       *[other] { $inserted } ajoutés {"{"}+ainsi+{"}"}
    } — Échap revient au texte
changes-not-a-section = ce qui a changé s’affiche pour une section : placez-vous d’abord sur l’une d’elles
changes-not-read = cette section n’est pas marquée lue : rien à comparer
changes-none = cette section n’a pas changé depuis votre lecture
changes-not-kept = le texte tel que vous l’avez lu n’a pas été conservé (lu avant que brief le garde, ou trop long)

# Ce que signifie la cotation d’une source (code de l’Amirauté), dans la vue des
# sources : la fiabilité de la source, puis la crédibilité de l’information.
grade-reliability-a = totalement fiable
grade-reliability-b = habituellement fiable
grade-reliability-c = plutôt fiable
grade-reliability-d = habituellement peu fiable
grade-reliability-e = peu fiable
grade-reliability-f = fiabilité impossible à évaluer
grade-credibility-1 = confirmée par d’autres sources
grade-credibility-2 = probablement vraie
grade-credibility-3 = peut-être vraie
grade-credibility-4 = douteuse
grade-credibility-5 = improbable
grade-credibility-6 = véracité impossible à évaluer
grade-meaning = { $reliability } ; { $credibility }

# Qui peut recevoir une étiquette TLP : son sens, sans sa couleur.
tlp-meaning-clear = diffusion sans restriction
tlp-meaning-green = limité à la communauté ; pas de diffusion publique
tlp-meaning-amber = limité à l’organisation et à ses clients, selon le besoin d’en connaître
tlp-meaning-amber-strict = limité à l’organisation seule
tlp-meaning-red = réservé aux destinataires nommés

# Le panneau du langage d’estimation.
lints-title = Langage d’estimation (ICD 203)
lints-none = Rien à signaler : probabilité et degré de confiance sont énoncés à part, sur une seule échelle.
lints-nothing-to-filter = le panneau n’a rien à filtrer : il liste tous les avertissements
lints-nothing-to-open = aucun avertissement vers lequel aller : le briefing passe la vérification

## Signets, notes, sélection, sections lues.

notes-read-only = ces notes ont été écrites par une version plus récente de brief : lecture seule
notes-not-on-overview = notes et signets s’attachent aux paragraphes d’une section, pas à la vue d’ensemble
notes-bookmark-removed = signet retiré (le panneau des notes, { $key }, peut le rétablir)
notes-bookmarked = signet posé
notes-no-text-to-choose = ce paragraphe n’a pas de texte à choisir
notes-shown = notes affichées sous leurs paragraphes
notes-hidden = notes masquées
estimative-shown = les fourchettes des termes d’estimation sont affichées sous leurs paragraphes
estimative-hidden = fourchettes d’estimation masquées
notes-marked-read = section marquée comme lue
notes-marked-unread = section marquée comme non lue
notes-no-text-to-annotate = ce briefing n’a pas de texte à annoter
notes-overview-not-a-section = la vue d’ensemble n’est pas une section : placez-vous dans l’une d’elles pour la marquer comme lue

## L’éditeur de notes.

editor-placeholder = Écrivez la note ; les #étiquettes deviennent ses étiquettes
editor-title-new = Nouvelle note · { $save } enregistre · { $cancel } annule
editor-title-edit = Modifier la note · { $save } enregistre · { $cancel } annule
editor-empty-not-saved = une note vide n’est pas enregistrée ; { $delete } dans le panneau des notes ({ $panel }) supprime une note
editor-saved = note enregistrée
editor-draft-recovered = note non enregistrée du { $when } récupérée : { $save } l’enregistre, { $cancel } l’abandonne
editor-discard-question = Abandonner les modifications de cette note ?
editor-discarded = modifications abandonnées

## Le panneau des annotations.

panel-title = Signets et notes · { $scope } · { $order }
panel-scope-all = tous les briefings
panel-scope-this = ce briefing
panel-order-newest = les plus récents d’abord
panel-order-document = dans l’ordre du document
panel-help = { $filter } filtre par #étiquette ou mots · { $scope } : tous les briefings · { $order } : ordre · { $confirm } : confirmer un déplacement
panel-empty = Aucun signet ni aucune note pour l’instant : { $bookmark } pose un signet sur le paragraphe courant, { $note } écrit une note.
panel-moved = [déplacé]
panel-section-missing = (section { $id })
panel-needs-review = À revoir · { $count ->
        [one] { $count } introuvable
       *[other] { $count } introuvables
    } dans le texte actuel
panel-newest-first = Les plus récents d’abord
panel-trash = Corbeille · { $count } · { $restore } rétablit, { $empty } la vide
panel-removed-for-good = { $count ->
        [one] { $count } élément supprimé définitivement
       *[other] { $count } éléments supprimés définitivement
    }
panel-other-briefing = ouvrez ce briefing ({ $open }) pour modifier ses notes
panel-in-trash = dans la corbeille : { $restore } le rétablit d’abord
panel-passage-gone = son passage n’est plus dans le briefing : la citation est conservée ici
panel-moved-to-trash = mis à la corbeille : { $restore } le rétablit
panel-trash-empty = la corbeille est vide
panel-restored = rétabli
panel-move-confirmed = nouvel emplacement confirmé
panel-no-match = Aucune note ne correspond au filtre ; { $key } l’efface.
panel-empty-all = Aucun signet ni aucune note dans aucun briefing pour l’instant.
panel-empty-trash-question = Vider la corbeille ? Ses notes et signets seront supprimés définitivement.
panel-bookmark-no-text = un signet n’a pas de texte à modifier
panel-restore-first = rétablissez-le d’abord depuis la corbeille
panel-already-in-trash = déjà dans la corbeille
panel-only-moved = seule une note déplacée demande confirmation
panel-needs-briefing = ouvrez d’abord un briefing : ses notes sont listées ici

## Enregistrer les notes, et les exporter depuis la lecture.

store-cannot-read = impossible de lire les notes : { $error }
store-conflicts = { $count ->
        [one] { $count } note a aussi été modifiée ailleurs : les deux textes sont gardés, l’un en copie de conflit
       *[other] { $count } notes ont aussi été modifiées ailleurs : les deux textes sont gardés, l’un en copie de conflit
    }
store-saved = notes enregistrées
store-save-failed = notes non enregistrées ({ $error }) ; gardées en mémoire, nouvel essai à venir
store-rescued = vos notes sont en lieu sûr dans { $path } : c’est un fichier de stockage ; remettez-le à la place de { $target } dès que le dossier de données sera accessible en écriture
store-rescue-failed = les notes n’ont pas pu être mises en lieu sûr non plus : { $error }
store-busy = stockage occupé (un autre brief l’écrit) : nouvel essai à venir
store-briefing-not-saved = les notes de `{ $id }` n’ont pas pu être enregistrées : { $error }
export-not-kept = les notes ne sont pas conservées dans cette session : rien à exporter
export-nothing-yet = aucun signet ni aucune note à exporter pour l’instant
export-done = exporté vers { $path }
export-failed = échec de l’export : { $error }
export-cancelled = export annulé : rien n’a été écrit
export-consent-question = Exporter { $count ->
        [one] un briefing
       *[other] { $count } briefings
    } dont le label restreint la diffusion ? { $list }
export-consent-item = « { $title } » est { $label } ({ $meaning })
export-consent-line = `{ $id }` « { $title } » est { $label } : { $meaning }
export-consent-reason = cet export contient un contenu { $labels }, dont le partage demande un consentement explicite : { $list }
cli-export-consent-needed = brief : non exporté : un contenu { $labels } demande votre consentement explicite pour sortir de brief :
cli-export-consent-how = brief : pour l’exporter malgré tout, ajoutez { $flags } (rien n’a été écrit)

## Recharger un briefing modifié sur le disque.

reload-broken = le fichier ne se charge plus ; affichage de la dernière version valide : { $problem }
reload-id-changed = l’identifiant du fichier est devenu `{ $id }` : rouvrez-le depuis la bibliothèque pour le lire
reload-done = rechargé : { $count ->
        [one] { $count } section modifiée
       *[other] { $count } sections modifiées
    }
reload-does-not-load = il ne se charge pas

## Ouvrir un grand briefing : ses premières sections tout de suite, la suite lue derrière.

head-shown = { $count ->
        [one] affichage de la première section ; lecture de la suite du fichier…
       *[other] affichage des { $count } premières sections ; lecture de la suite du fichier…
    }
head-whole = briefing lu en entier : { $count ->
        [one] { $count } section
       *[other] { $count } sections
    }

## Chercher dans un briefing, dans la bibliothèque, et aller à.

search-none = aucune recherche : { $key } en lance une
search-no-match-for = aucun résultat pour « { $query } »
search-wrapped-top = la recherche reprend au début
search-wrapped-bottom = la recherche reprend à la fin
search-indexing = indexation…
search-no-match = aucun résultat
search-match = résultat { $current }/{ $total }
search-match-capped = résultat { $current }/{ $total }+
search-all-title = Rechercher dans la bibliothèque
search-all-indexing = indexation de la bibliothèque…
search-all-prompt = tapez pour chercher dans les titres, mots-clés, résumés, sections et notes
search-all-searching = { $count ->
        [one] { $count } résultat
       *[other] { $count } résultats
    }, recherche en cours…
search-all-found = { $count ->
        [one] { $count } résultat
       *[other] { $count } résultats
    }
search-field-title = titre
search-field-tags = mots-clés
search-field-summary = résumé
search-field-note = note
search-all-place = { $place } :
finder-title = Aller à une section ou à un briefing
finder-count = { $shown } sur { $total }

## L’aide.

help-title = Aide · { $context } · { $close } ferme
help-mouse = Souris
help-mouse-click-key = clic
help-mouse-click = Aller à une entrée du plan, ou placer le curseur sur un paragraphe
help-mouse-wheel-key = molette
help-mouse-wheel = Faire défiler le volet sous le pointeur
help-this-screen = { $context } — cet écran
help-letters-key = lettres
help-letters = Tapées comme du texte ici

## La bibliothèque.

library-title = Bibliothèque · { $shown } sur { $total ->
        [one] { $total } briefing
       *[other] { $total } briefings
    } · { $sort }
library-sort-date = par date
library-sort-title = par titre
library-checking = vérification des fichiers
library-indexing = indexation { $done } / { $total }
library-filter-prompt = Filtre : { $key } filtre par titre, identifiant, langue ou mot-clé
library-col-date = DATE
library-col-lang = LANG
library-col-unread = À LIRE
library-col-notes = NOTES
library-col-title-tags = TITRE · MOTS-CLÉS
library-col-title = TITRE
library-empty = Aucun briefing chargé.
library-no-match = Rien ne correspond au filtre.
library-problems = { $count ->
        [one] { $count } problème au chargement des briefings :
       *[other] { $count } problèmes au chargement des briefings :
    }
library-nothing-to-open = aucun briefing à ouvrir
library-first-screen = c’est le premier écran : { $quit } quitte

## La chronologie et la comparaison.

timeline-title = Chronologie · { $dates ->
        [one] { $dates } date
       *[other] { $dates } dates
    } dans { $briefings ->
        [one] { $briefings } briefing
       *[other] { $briefings } briefings
    }
timeline-empty = Aucun briefing de la bibliothèque n’a de dates structurées ([[sections.dates]]).
timeline-today = aujourd’hui · { $date }
timeline-title-filtered = Chronologie · { $shown } sur { $dates ->
        [one] { $dates } date
       *[other] { $dates } dates
    } dans { $briefings ->
        [one] { $briefings } briefing
       *[other] { $briefings } briefings
    }
timeline-no-match = Aucune date ne correspond au filtre.
timeline-year-not-stated = année non précisée
timeline-day-not-stated = ◆ jour non précisé
timeline-cannot-read = la chronologie ne peut pas être lue : { $error }
compare-no-kind = Comparaison · aucune section de la bibliothèque n’a de type
compare-title = Comparaison · { $kind } · { $count ->
        [one] { $count } section
       *[other] { $count } sections
    } dans la bibliothèque
compare-title-short = Comparaison · { $kind } · { $count ->
        [one] { $count } section
       *[other] { $count } sections
    }
compare-reading = Comparaison · lecture des sections…
compare-no-match = Aucune section de ce type ne correspond au filtre.
compare-position = { $current } sur { $total }
compare-most-recent = les { $shown } plus récents sur { $total } briefings ({ $key } affine)
compare-columns-shown = briefings { $first } à { $last } sur { $total }
compare-scrolling-together = défilement commun
compare-scrolling-separately = défilement séparé
compare-together = les colonnes défilent ensemble
compare-separately = seule la colonne choisie défile
compare-together-stacked = les colonnes défilent ensemble (quand elles sont côte à côte)
compare-separately-stacked = seule la colonne choisie défile (quand elles sont côte à côte)
compare-cannot-read = les sections ne peuvent pas être lues : { $error }
compare-nothing = Rien de ce type.

## Les touches dans la configuration.

keys-not-a-key = `{ $key }` n’est pas une touche : utilisez un caractère, un nom comme Enter ou PageDown, ou Ctrl-/Alt-/Shift- suivi de l’un d’eux
keys-unknown-action = action inconnue `{ $action }` dans { $place } ; les actions sont : { $actions }
keys-bound-twice = la touche `{ $key }` est attribuée à la fois à `{ $first }` et à `{ $second }` dans [keys.{ $table }] ; donnez-la à une seule des deux
keys-inherited-clash = la touche `{ $key }` est `{ $first }` dans [keys.{ $table }] et `{ $second }` dans [keys.{ $parent }], dont [keys.{ $table }] hérite ; donnez une autre touche à l’une des deux
keys-not-a-table = `keys` est une table : [keys.reader], [keys.panel]…
keys-unknown-table = table de touches inconnue [keys.{ $table }] ; les tables sont : { $tables }
keys-action-not-here = `{ $action }` n’a pas d’effet dans [keys.{ $table }] ; ses actions sont : { $actions }
keys-needs-list-or-table = `{ $action }` attend une liste de touches, par exemple ["j", "Down"], ou une table de listes
keys-needs-list = `{ $action }` attend une liste de touches, par exemple ["j", "Down"]
keys-key-is-string = une touche s’écrit entre guillemets, par exemple "Ctrl-d"
keys-types-text = `{ $key }` saisit du texte dans [keys.{ $table }] : choisissez une touche avec Ctrl ou Alt, ou une touche nommée

## Le fichier de configuration.

config-invalid = configuration invalide : { $message }
config-not-utf8 = UTF-8 invalide dans la configuration
config-max-width = `max_width` doit valoir au moins 20 colonnes
config-outline-width = `outline_width` est un pourcentage de l’écran compris entre 10 et 60
config-no-home = aucun dossier personnel où garder les notes : définissez `data_dir` ou ${ $variable }
config-estimative-failed = { $problem } — les termes d’estimation intégrés sont utilisés

## La ligne de commande : aide (clap). Les identifiants suivent la ligne de commande
## (voir le catalogue anglais). Écrits comme des phrases : le code ôte le point final
## là où clap n’affiche qu’une ligne.

cli-about-brief = Un lecteur en terminal pour briefings d’analyse structurés.
cli-long-brief = Sans commande, ouvre la lecture sur les PATH donnés (fichiers ou dossiers de briefings), sinon sur `briefings_dir` de la configuration, sinon sur ./briefings, sinon sur les briefings intégrés à brief.
cli-arg-brief-config = Lire la configuration dans ce fichier (par défaut : $BRIEF_CONFIG, puis le dossier de configuration de la plateforme).
cli-arg-brief-paths = Fichiers ou dossiers de briefings à ouvrir dans la lecture.
# Communs à plusieurs commandes.
cli-paths = Fichiers ou dossiers (par défaut : comme pour la lecture).
cli-from = Fichiers ou dossiers de briefings (par défaut : comme pour la lecture).
cli-format = Format de sortie.

cli-about-check = Valider des briefings : chaque problème sous la forme { "`file:line:col: error|warning: message`" }.
cli-long-check = Sort avec le code 0 s’il n’y a aucune erreur (les avertissements sont permis), 1 sinon.
cli-arg-check-paths = { cli-paths }
cli-arg-check-format = { cli-format }
cli-arg-check-lint = Vérifier aussi le langage estimatif (ICD 203), en avertissements : une phrase qui donne à la fois un niveau de confiance et une probabilité, un briefing qui mêle les deux rangées de l’échelle de probabilité, une section d’évaluation qui ne donne ni l’un ni l’autre.

cli-about-list = Lister les briefings : identifiant, date, langue, titre, sections, mots-clés.
cli-arg-list-paths = { cli-paths }
cli-arg-list-format = { cli-format }

cli-about-show = Afficher un briefing en texte brut mis en forme, à envoyer vers less ou grep.
cli-arg-show-briefing = Le briefing : son identifiant (voir `brief list`) ou son fichier.
cli-arg-show-section = Seulement cette section (son identifiant).
cli-arg-show-width = Largeur des lignes, en colonnes.
cli-arg-show-paths = Fichiers ou dossiers où chercher (par défaut : comme pour la lecture).

cli-about-search = Chercher dans les briefings et leurs notes : chaque résultat sous la forme { "`file:section:line: snippet`" }, comme grep ; les notes sous la forme { "`file:section:line: [note] snippet`" }.
cli-long-search = Ignore la casse (une majuscule rend la recherche sensible à la casse), les accents et la typographie : `cooperation` trouve `coopération`. Sort avec le code 0 si quelque chose correspond, 1 sinon, 2 en cas d’erreur.
cli-arg-search-query = Ce qu’il faut chercher.
cli-arg-search-paths = { cli-paths }
cli-arg-search-no-notes = Laisser les notes de côté : chercher dans les briefings seulement.
cli-arg-search-format = { cli-format }

cli-about-notes = Lister les signets et les notes, avec leur état par rapport aux briefings tels qu’ils sont aujourd’hui.
cli-long-notes = État : rattachée, déplacée (retrouvée ailleurs ; à confirmer dans la lecture) ou orpheline (son passage a disparu ; la citation est conservée). Un identifiant qui n’est ni dans la bibliothèque ni dans le stockage est une erreur (code 1).
cli-arg-notes-ids = Seulement ces briefings (identifiants ; par défaut : tous les briefings annotés).
cli-arg-notes-tag = Seulement les notes portant cette #étiquette (sans tenir compte de la casse ni des accents : `a-verifier` trouve `#à-vérifier`).
cli-arg-notes-orphans = Seulement les annotations dont le passage est introuvable.
cli-arg-notes-format = { cli-format }
cli-arg-notes-paths = { cli-from }

cli-about-export = Exporter les notes de lecture : Markdown, JSON (pour d’autres outils ; `import-notes` le relit), une page HTML imprimable, un bundle STIX 2.1 ou des Web Annotations W3C (relus tous deux par `import-notes`).
cli-long-export = Exporte les briefings qui ont des notes ou des signets (passant les filtres), ou ceux dont l’identifiant est donné. Les notes d’un briefing qui n’est plus dans la bibliothèque sont exportées depuis le stockage, sous « À revoir ». Un identifiant inconnu est une erreur (code 1). Chaque export porte en tête et en pied la marque la plus haute et le TLP de ce qu’il contient, et chaque note sa propre marque de portion ; un briefing étiqueté TLP:RED ou TLP:AMBER+STRICT n’est exporté qu’avec --allow.
cli-arg-export-ids = Les briefings (identifiants ; par défaut : tous les briefings annotés).
cli-arg-export-format = Le format.
cli-arg-export-tag = Seulement les notes portant cette #étiquette (sans tenir compte de la casse ni des accents).
cli-arg-export-since = Seulement les annotations modifiées à ce moment ou après : une date, une date et une heure, 7d, 2w, today ou yesterday.
cli-long-arg-export-since = Une date : 2024-09-05. Une date et une heure : 2024-09-05T08:30, en UTC sauf si elle finit par Z ou par un décalage comme +02:00. Un nombre de jours ou de semaines en arrière : 7d, 2w. Les jours sont des jours UTC.
cli-arg-export-output = Écrire dans ce fichier (`-` pour la sortie standard).
cli-long-arg-export-output = Un fichier existant n’est remplacé qu’avec --force ; un périphérique (`/dev/stdout`) est écrit sur place. Par défaut : un nouveau fichier dans le dossier courant, nommé d’après le briefing et l’heure.
cli-arg-export-force = Remplacer FILE s’il existe.
cli-arg-export-allow = Consentir à exporter des briefings portant cette étiquette TLP : `tlp:red`, `tlp:amber+strict` (à répéter, ou séparées par des virgules, pour les deux).
cli-long-arg-export-allow = Sans elle, un export contenant un tel briefing est refusé (code 1), en les nommant ; rien n’est écrit.
cli-arg-export-paths = { cli-from }

cli-about-import-notes = Fusionner dans le stockage les notes d’un export (JSON de brief, STIX 2.1 ou Web Annotation W3C), par identifiant (rien ne se perd : une note modifiée des deux côtés garde ses deux textes).
cli-arg-import-notes-file = L’export.

cli-about-import = Transformer un article en texte brut ou en Markdown en brouillon de briefing TOML.
cli-long-import = Devine le titre, les intertitres et le type de chaque section (mots-clés français et anglais), la date d’après la ligne de date, un résumé tiré du chapeau, et les dates que le texte donne (une année que le texte ne donne pas reste non précisée, sauf avec --year) ; affiche ce qu’il a deviné. Le brouillon passe `brief check`. Un fichier existant n’est jamais écrasé sans --force.
cli-arg-import-file = L’article (texte brut, ou Markdown pour les fichiers .md).
cli-arg-import-lang = La langue de l’article (devinée si elle n’est pas donnée).
cli-arg-import-id = L’identifiant du briefing (par défaut : le nom du fichier, en slug).
cli-arg-import-year = L’année des dates que le texte donne sans année.
cli-arg-import-output = Où écrire le brouillon (`-` pour la sortie standard ; par défaut : ./ID.toml).
cli-arg-import-force = Remplacer OUT s’il existe.

cli-about-index = Construire ou mettre à jour le catalogue et l’index de recherche des dossiers de la bibliothèque (un cache, sous `cache_dir` de la configuration), avec la progression sur la sortie d’erreur ; `brief search` s’en sert.
cli-long-index = Seuls les fichiers ajoutés, modifiés ou supprimés depuis la dernière fois sont lus. Avec --check, ne change rien : sort avec le code 0 si l’index est à jour, 1 en listant ce qui ne l’est plus.
cli-arg-index-paths = Dossiers de la bibliothèque (par défaut : comme pour la lecture).
cli-arg-index-check = Vérifier l’index au lieu de le mettre à jour.

cli-about-completions = Afficher le code shell qui complète les commandes, options, identifiants de briefings et de sections de brief.
cli-long-completions = Bash : `source <(brief completions bash)` dans ~/.bashrc. Zsh : `source <(brief completions zsh)` dans ~/.zshrc. Fish : `brief completions fish | source` dans ~/.config/fish/config.fish. Ce code demande à brief les candidats pendant la frappe : les identifiants viennent de votre bibliothèque et de votre stockage.
cli-arg-completions-shell = Le shell.

cli-about-man = Afficher la page de manuel (roff), tirée de cette ligne de commande : `brief man > brief.1` ; avec un dossier, y écrire une page par commande.
cli-arg-man-dir = Le dossier où écrire `brief.1`, `brief-export.1`…

cli-about-help = Afficher ce message ou l’aide des sous-commandes données.

cli-value-format-text = Pour les personnes.
cli-value-format-json = Pour les programmes (schémas dans docs/cli-json.md).
cli-value-export-format-markdown = CommonMark, chaque texte cité ou écrit échappé pour rester littéral.
cli-value-export-format-json = Le schéma JSON versionné que `brief import-notes` relit.
cli-value-export-format-html = Une page imprimable autonome : CSS intégré, aucun script, aucune requête externe.
cli-value-export-format-stix = Un bundle STIX 2.1 (un rapport par briefing, une note par note ou signet) pour les plateformes de renseignement sur les menaces ; `brief import-notes` le relit.
cli-value-export-format-w3c = Une collection de Web Annotations W3C (JSON-LD) pour les outils d’annotation ; `brief import-notes` la relit.
cli-value-allow-tlp-amber-strict = TLP:AMBER+STRICT : limité à l’organisation seule.
cli-value-allow-tlp-red = TLP:RED : réservé aux destinataires nommés.
cli-value-shell-bash = GNU Bash (4.4 ou plus récent de préférence).
cli-value-shell-zsh = Zsh.
cli-value-shell-fish = Fish.
cli-value-shell-elvish = Elvish.
cli-value-shell-powershell = PowerShell.

# Les mots de clap. Les titres finissent par leur deux-points (clap l’écrit après le nom).
cli-help-usage = Utilisation :
cli-help-commands = Commandes :
cli-help-arguments = Arguments :
cli-help-options = Options :
cli-help-flag = Afficher l’aide.
cli-help-flag-more = Afficher l’aide (le détail avec --help).
cli-help-flag-summary = Afficher l’aide (un résumé avec -h).
cli-version-flag = Afficher la version.
cli-help-default = [par défaut : { $value }]
cli-help-values = [valeurs possibles : { $values }]
cli-help-values-heading = Valeurs possibles :

## La ligne de commande : sorties et erreurs. La sortie JSON ne change jamais avec la
## langue ; le préfixe `file:line:col: error:` des problèmes reste tel quel, pour les
## outils, comme les mots d’état que `brief index --check` écrit sur la sortie standard.

cli-error = brief : { $message }
cli-cannot-write-output = brief : impossible d’écrire la sortie : { $error }
cli-check-summary = { $briefings ->
        [one] { $briefings } briefing chargé
       *[other] { $briefings } briefings chargés
    }, { $errors ->
        [one] { $errors } erreur
       *[other] { $errors } erreurs
    }, { $warnings ->
        [one] { $warnings } avertissement
       *[other] { $warnings } avertissements
    }
# Les colonnes de `brief list`.
cli-list-id = ID
cli-list-date = DATE
cli-list-lang = LANGUE
cli-list-title = TITRE
cli-list-sections = SECTIONS
cli-list-tags = MOTS-CLÉS
cli-unknown-briefing = brief : aucun briefing n’a l’identifiant `{ $id }` ({ $hint })
cli-unknown-briefing-closest = brief : aucun briefing n’a l’identifiant `{ $id }` (les plus proches : { $closest })
cli-unknown-section = brief : aucune section de `{ $briefing }` n’a l’identifiant `{ $id }` ({ $hint })
cli-unknown-section-closest = brief : aucune section de `{ $briefing }` n’a l’identifiant `{ $id }` (les plus proches : { $closest })
cli-hint-list = voir `brief list`, ou donnez le fichier du briefing
cli-hint-list-notes = voir `brief list` et `brief notes`
cli-hint-sections = sections : { $ids }
cli-hint-sections-more = … et { $count } de plus
cli-show-nothing-in-file = brief : { $file } : aucun briefing dedans
cli-query-empty = brief : la requête est vide
cli-search-notes-left-out = brief : notes de { $id } laissées de côté : { $error }
cli-briefing-error = brief : { $id } : { $error }
cli-notes-not-in-library = brief : le briefing `{ $id }` n’est pas dans la bibliothèque : ses annotations sont listées comme orphelines
cli-notes-status-attached = rattachée
cli-notes-status-moved = déplacée
cli-notes-status-orphan = orpheline
cli-notes-bookmark = (signet)
cli-notes-bookmark-labelled = (signet : { $label })
cli-notes-line = [{ $status }] { $what } — « { $quote } »
cli-notes-none = aucun signet ni aucune note
cli-not-utf8 = ce n’est pas du texte UTF-8
cli-complete-store-only = notes d’un briefing absent de la bibliothèque
cli-man-wrote = pages de manuel écrites dans { $folder }

# `brief export` (src/cli/export.rs).
cli-export-skipped = brief : ignoré : { $why }
cli-export-not-in-library = brief : `{ $id }` n’est pas dans la bibliothèque : ses notes sont exportées telles que le stockage les garde, sous « À revoir »
cli-export-nothing = brief : rien à exporter
cli-export-wrote-new = { $path } écrit (un nouveau fichier : -o FILE choisit le nom)
cli-export-cannot-write = brief : impossible d’écrire l’export : { $error }

# `brief import` : ce qui a été deviné, un champ par ligne, les valeurs alignées par le code.
cli-import-exists = brief : { $path } existe déjà ; utilisez --force pour le remplacer, ou -o pour écrire ailleurs
cli-import-not-utf8 = UTF-8 invalide : les articles doivent être du texte UTF-8
cli-import-label-title = titre :
cli-import-label-language = langue :
cli-import-label-date = date :
cli-import-label-summary = résumé :
cli-import-label-sections = sections :
cli-import-label-dates = dates :
cli-import-language-guessed = { $language } (devinée)
cli-import-date-found = { $date } (d’après la ligne de date)
cli-import-no-date = aucune trouvée (pas de ligne de date)
cli-import-no-kind = (pas de type : à préciser)
cli-import-no-dates = aucune trouvée
cli-import-dates-count = { $count ->
        [one] { $count }, marquée `unconfirmed`
       *[other] { $count }, toutes marquées `unconfirmed`
    }
cli-import-wrote = { $path } écrit : vérifiez le titre, le résumé, les types et les dates, puis lancez `brief check { $path }`
cli-cannot-write = brief : impossible d’écrire { $path } : { $error }

# `brief index` : sur la sortie d’erreur, au fur et à mesure.
cli-index-no-folder = brief : aucun dossier de bibliothèque à indexer (donnez-en un, ou réglez `briefings_dir` ; les briefings intégrés n’ont pas besoin d’index)
cli-index-not-a-folder = brief : { $path } : ce n’est pas un dossier (un index est tenu par dossier de bibliothèque)
cli-index-waiting = { $folder } : un autre brief indexe ce dossier ; en attente
cli-index-scanned = { $folder } : { $files ->
        [one] { $files } fichier
       *[other] { $files } fichiers
    }, { $read } à lire, { $removed ->
        [one] { $removed } disparu
       *[other] { $removed } disparus
    }
cli-index-progress = { $folder } : indexation { $done }/{ $total }
cli-index-progress-line = { $folder } : { $done }/{ $total } indexés
cli-index-done = { $folder } : { $files ->
        [one] { $files } fichier
       *[other] { $files } fichiers
    }, { $read ->
        [one] { $read } lu
       *[other] { $read } lus
    } ({ $added ->
        [one] { $added } nouveau
       *[other] { $added } nouveaux
    }, { $updated ->
        [one] { $updated } modifié
       *[other] { $updated } modifiés
    }), { $removed ->
        [one] { $removed } supprimé
       *[other] { $removed } supprimés
    }, notes de { $notes ->
        [one] { $notes } briefing indexées
       *[other] { $notes } briefings indexées
    }, en { $seconds } s
cli-index-missing = brief : { $folder } : pas d’index (`brief index { $folder }` le construit)
cli-index-up-to-date = { $folder } : l’index est à jour
cli-index-out-of-date = brief : l’index de { $folder } n’est plus à jour ({ $count ->
        [one] { $count } fichier modifié
       *[other] { $count } fichiers modifiés
    } depuis `brief index`) : recherche dans tous les fichiers

# Ce qu’a fait `brief import-notes` (les annotations : féminin).
import-summary = { $briefings ->
        [one] { $briefings } briefing
       *[other] { $briefings } briefings
    } : { $parts }
import-added = { $count ->
        [one] { $count } ajoutée
       *[other] { $count } ajoutées
    }
import-updated = { $count ->
        [one] { $count } mise à jour
       *[other] { $count } mises à jour
    }
import-unchanged = { $count ->
        [one] { $count } inchangée
       *[other] { $count } inchangées
    }
import-left-deleted = { $count ->
        [one] { $count } laissée supprimée
       *[other] { $count } laissées supprimées
    }
import-conflicts = { $count ->
        [one] { $count } copie de conflit
       *[other] { $count } copies de conflit
    }
import-error-syntax = ligne { $line }, colonne { $column } : JSON invalide : { $message }
import-error-at = ligne { $line }, colonne { $column } : { $message }
import-error-no-schema = ce n’est pas un export de notes de brief : il n’a pas de numéro `schema` ({ $expected } attendu)
import-error-newer-schema = cet export de notes a le `schema` { $found }, mais cette version de brief ne lit que le schema { $expected } (un numéro plus élevé signifie qu’un brief plus récent l’a écrit : mettez brief à jour pour l’importer)

## Les exports (Markdown, HTML) : les titres suivent la langue de leur briefing.

export-title = Notes
export-title-one = Notes — { $title }
export-title-many = Notes sur { $count ->
        [one] { $count } briefing
       *[other] { $count } briefings
    }
# Un libellé avant sa valeur dans l’en-tête d’un export : `Briefing :`.
export-field = { $label } :
export-meta-status = Statut
export-not-in-library = n’est plus dans la bibliothèque : ses notes sont listées telles que le stockage les garde
export-kicker = Notes de lecture
export-no-briefing = Aucun briefing à exporter.
export-no-notes = Aucune note ni aucun signet à exporter.
export-needs-review = À revoir
export-review-intro = Ces annotations n’ont pas été retrouvées dans le briefing tel qu’il est aujourd’hui. Rien n’a été supprimé : vérifiez-les dans brief.
export-bookmarks-to-review = Signets à revoir
export-bookmarks = Signets
export-made-on-section = Sur la section
export-made-on-section-inline = sur la section
export-section-gone = { $section } (n’est plus dans le briefing)
export-made-on = Sur la section { $section } — { $title }
export-made-on-gone = Sur la section { $section } (n’est plus dans le briefing)
export-meta-briefing = Briefing
export-meta-classification = Classification
export-meta-exported = Exporté le
export-meta-annotations = Annotations
export-counts = { $notes ->
        [one] { $notes } note
       *[other] { $notes } notes
    }, { $bookmarks ->
        [one] { $bookmarks } signet
       *[other] { $bookmarks } signets
    }
export-filter-tag = notes étiquetées #{ $tag }
export-filter-since = modifiées depuis le { $date }
export-no-passage = (pas de passage)
export-created = Créée le { $created }
export-created-updated = Créée le { $created } · modifiée le { $updated }
export-moved = déplacée — à confirmer dans brief
export-conflict = Copie de conflit de la note { $id } : la même note a été modifiée à deux endroits
export-tags = Étiquettes : { $tags }
export-skipped-no-notes = `{ $id }` n’a ni note ni signet
export-skipped-filtered = `{ $id }` n’a ni note ni signet qui passe les filtres
export-skipped-unreadable = { $id } : { $error }
export-skipped-not-in-library = `{ $id }` n’est pas dans la bibliothèque
export-bad-file-name = `{ $name }` ne peut pas servir de nom de fichier
export-too-many-variants = { $count } fichiers nommés comme `{ $name }` existent déjà
export-needs-briefing = ouvrez d’abord un briefing, ou exportez-les tous
