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
show-section-date = Date : { $date }

## Noms des touches dans l’aide et les indications (la configuration garde les noms anglais).

key-enter = Entrée
key-esc = Échap
key-tab = Tab
key-backtab = Maj-Tab
key-backspace = Retour arrière
key-delete = Suppr
key-insert = Inser
key-up = Haut
key-down = Bas
key-left = Gauche
key-right = Droite
key-home = Début
key-end = Fin
key-pageup = PgPréc
key-pagedown = PgSuiv
key-space = Espace
key-ctrl = Ctrl
key-alt = Alt
key-shift = Maj

## Les actions de la lecture, telles que l’aide les liste.

action-quit = Quitter (ferme d’abord le panneau ouvert)
action-force-quit = Quitter immédiatement, où que l’on soit
action-help = Afficher ou masquer cette aide
action-focus-next = Passer à l’autre volet
action-focus-previous = Passer à l’autre volet, en sens inverse
action-focus-outline = Aller au plan
action-open = Ouvrir la section choisie dans le volet de lecture
action-next = Paragraphe suivant (lecture) ou entrée suivante (plan)
action-previous = Paragraphe précédent (lecture) ou entrée précédente (plan)
action-next-section = Section suivante
action-previous-section = Section précédente (ou début de celle-ci)
action-top = Aller au début
action-bottom = Aller à la fin
action-page-down = Descendre d’une page
action-page-up = Remonter d’une page
action-half-page-down = Descendre d’une demi-page
action-half-page-up = Remonter d’une demi-page
action-library = Ouvrir la bibliothèque des briefings
action-timeline = Toutes les dates de la bibliothèque sur une chronologie
action-compare = Un type de section dans tous les briefings, côte à côte
action-search = Chercher dans ce briefing au fil de la frappe
action-search-next = Résultat suivant
action-search-previous = Résultat précédent
action-library-search = Chercher dans tous les briefings et toutes les notes de la bibliothèque
action-finder = Aller à une section ou à un briefing par son titre, même approximatif
action-toggle-bookmark = Poser un signet sur le paragraphe courant (ou le retirer)
action-annotate = Écrire une note sur le paragraphe courant (ou modifier sa note)
action-select = Choisir des phrases entières du paragraphe à annoter
action-annotations = Les signets et les notes de ce briefing
action-toggle-notes = Afficher ou masquer les notes sous leurs paragraphes
action-toggle-read = Marquer la section courante comme lue ou non lue
action-export = Exporter les notes de ce briefing (dans le dossier d’export)
action-export-all = Exporter les notes de tous les briefings

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
app-key-does-nothing = `{ $char }` n’a pas d’effet ici ; { $key } affiche les touches
app-briefing-changed = briefing modifié : { $moved ->
        [one] { $moved } note déplacée
       *[other] { $moved } notes déplacées
    }, { $orphans } à revoir ; { $key } les liste
app-too-small = terminal trop petit ({ $width }×{ $height })
app-too-small-short = trop petit
app-loading = chargement { $done } / { $total }
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
status-overview = vue d’ensemble/{ $total }
status-percent = { $percent } %
hint-key-type = saisie
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
hint-order = ordre
hint-search = chercher
hint-move = parcourir
hint-open = ouvrir
hint-keep = garder
hint-more-less = plus/moins
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

## Le volet de lecture et le plan.

outline-title = Plan
reader-note-preview-moved = { $text } (déplacée)

## Signets, notes, sélection, sections lues.

notes-read-only = ces notes ont été écrites par une version plus récente de brief : lecture seule
notes-not-on-overview = notes et signets s’attachent aux paragraphes d’une section, pas à la vue d’ensemble
notes-bookmark-removed = signet retiré (le panneau des annotations, { $key }, peut le rétablir)
notes-bookmarked = signet posé
notes-no-text-to-choose = ce paragraphe n’a pas de texte à choisir
notes-choosing = choix de phrases : { $extend } étend ou réduit, { $note } écrit une note, { $bookmark } pose un signet, Échap sort
notes-shown = notes affichées sous leurs paragraphes
notes-hidden = notes masquées
notes-marked-read = section marquée comme lue
notes-marked-unread = section marquée comme non lue

## L’éditeur de notes.

editor-placeholder = Écrivez la note ; les #étiquettes deviennent ses étiquettes
editor-title-new = Nouvelle note · Ctrl-s enregistre · Échap annule
editor-title-edit = Modifier la note · Ctrl-s enregistre · Échap annule
editor-discard-confirm = Abandonner les modifications de cette note ? y les abandonne, toute autre touche reprend la saisie
editor-empty-not-saved = une note vide n’est pas enregistrée ; d dans le panneau des annotations ({ $key }) supprime une note
editor-saved = note enregistrée
editor-draft-recovered = note non enregistrée du { $when } récupérée : Ctrl-s l’enregistre, Échap l’abandonne

## Le panneau des annotations.

panel-title = Signets et notes · { $scope } · { $order }
panel-scope-all = tous les briefings
panel-scope-this = ce briefing
panel-order-newest = les plus récents d’abord
panel-order-document = dans l’ordre du document
panel-help = / filtre par #étiquette ou par mots · Tab : tous les briefings · o : ordre · m : confirmer un déplacement
panel-empty = Aucun signet ni aucune note pour l’instant : { $bookmark } pose un signet sur le paragraphe courant, { $note } écrit une note.
panel-moved = [déplacé]
panel-section-missing = (section { $id })
panel-needs-review = À revoir · { $count ->
        [one] { $count } introuvable
       *[other] { $count } introuvables
    } dans le texte actuel
panel-newest-first = Les plus récents d’abord
panel-trash = Corbeille · { $count } · u rétablit, X la vide
panel-removed-for-good = { $count ->
        [one] { $count } élément supprimé définitivement
       *[other] { $count } éléments supprimés définitivement
    }
panel-empty-trash-confirm = Vider la corbeille ? Ses notes et signets seront supprimés définitivement. y la vide
panel-other-briefing = ouvrez ce briefing (Entrée) pour modifier ses notes
panel-in-trash = dans la corbeille : u le rétablit d’abord
panel-passage-gone = son passage n’est plus dans le briefing : la citation est conservée ici
panel-moved-to-trash = mis à la corbeille : u le rétablit
panel-trash-empty = la corbeille est vide
panel-restored = rétabli
panel-move-confirmed = nouvel emplacement confirmé

## Enregistrer les notes, et les exporter depuis la lecture.

store-cannot-read = impossible de lire les notes : { $error }
store-conflicts = { $count ->
        [one] { $count } note a aussi été modifiée ailleurs : les deux textes sont gardés, l’un en copie de conflit
       *[other] { $count } notes ont aussi été modifiées ailleurs : les deux textes sont gardés, l’un en copie de conflit
    }
store-saved = notes enregistrées
store-save-failed = notes non enregistrées ({ $error }) ; gardées en mémoire, nouvel essai à venir
store-exit-save-failed = brief : les notes n’ont pas pu être enregistrées : { $error }
store-rescued = brief : vos notes sont en lieu sûr dans { $path } : c’est un fichier de stockage ; remettez-le sous annotations/{ $id }.toml dans le dossier de données dès qu’il sera accessible en écriture
export-not-kept = les notes ne sont pas conservées dans cette session : rien à exporter
export-nothing-yet = aucun signet ni aucune note à exporter pour l’instant
export-done = exporté vers { $path }
export-failed = échec de l’export : { $error } ({ $dir })

## Recharger un briefing modifié sur le disque.

reload-broken = le fichier ne se charge plus ; affichage de la dernière version valide : { $problem }
reload-id-changed = l’identifiant du fichier est devenu `{ $id }` : rouvrez-le depuis la bibliothèque pour le lire
reload-done = rechargé : { $count ->
        [one] { $count } section modifiée
       *[other] { $count } sections modifiées
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
finder-title = Aller à une section ou à un briefing
finder-count = { $shown } sur { $total }

## L’aide.

help-title = Aide · Échap ferme
help-reader = Lecture et plan
help-unbound = (sans touche)
help-library = Bibliothèque
help-library-filter = Filtrer par titre, identifiant, langue ou mot-clé
help-library-move = Se déplacer
help-library-open = Ouvrir le briefing
help-library-sort = Trier par date ou par titre
help-library-back = Effacer le filtre, ou revenir
help-views = Chronologie et comparaison
help-views-move = Passer d’une date ou d’une section à l’autre
help-views-kind = Comparaison : type de section précédent ou suivant
help-views-scroll = Comparaison : faire défiler la section du haut
help-views-open = Ouvrir le passage dans le volet de lecture
help-views-back = Revenir
help-mouse = Souris
help-mouse-click-key = clic
help-mouse-click = Aller à une entrée du plan, ou placer le curseur sur un paragraphe
help-mouse-wheel-key = molette
help-mouse-wheel = Faire défiler le volet sous le pointeur

## La bibliothèque.

library-title = Bibliothèque · { $shown } sur { $total ->
        [one] { $total } briefing
       *[other] { $total } briefings
    } · { $sort }
library-sort-date = par date
library-sort-title = par titre
library-filter-prompt = Filtre : tapez pour filtrer
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
compare-no-kind = Comparaison · aucune section de la bibliothèque n’a de type
compare-title = Comparaison · { $kind } · { $count ->
        [one] { $count } section
       *[other] { $count } sections
    } dans la bibliothèque
compare-nothing = Rien de ce type.

## Les touches dans la configuration.

keys-not-a-key = `{ $key }` n’est pas une touche : utilisez un caractère, un nom comme Enter ou PageDown, ou Ctrl-/Alt-/Shift- suivi de l’un d’eux
keys-unknown-action = action inconnue `{ $action }` dans [keys] ; les actions sont : { $actions }
keys-bound-twice = la touche `{ $key }` est attribuée à la fois à `{ $first }` et à `{ $second }` ; donnez-la à une seule des deux

## Le fichier de configuration.

config-invalid = configuration invalide : { $message }
config-not-utf8 = UTF-8 invalide dans la configuration
config-max-width = `max_width` doit valoir au moins 20 colonnes
config-outline-width = `outline_width` est un pourcentage de l’écran compris entre 10 et 60
config-no-home = aucun dossier personnel où garder les notes : définissez `data_dir` ou ${ $variable }

## La ligne de commande : aide (clap).

cli-about = Un lecteur en terminal pour briefings d’analyse structurés.
cli-long-about = Sans commande, ouvre la lecture sur les PATH donnés (fichiers ou dossiers de briefings), sinon sur `briefings_dir` de la configuration, sinon sur ./briefings, sinon sur les briefings intégrés à brief.
cli-arg-config = Lire la configuration dans ce fichier (par défaut : $BRIEF_CONFIG, puis le dossier de configuration de la plateforme).
cli-arg-reader-paths = Fichiers ou dossiers de briefings à ouvrir dans la lecture.
cli-arg-paths = Fichiers ou dossiers (par défaut : comme pour la lecture).
cli-arg-paths-look = Fichiers ou dossiers où chercher (par défaut : comme pour la lecture).
cli-arg-from = Fichiers ou dossiers de briefings (par défaut : comme pour la lecture).
cli-arg-format = Format de sortie.
cli-format-text = Pour les personnes.
cli-format-json = Pour les programmes.
cli-about-check = Valider des briefings : chaque problème sous la forme { "`file:line:col: error|warning: message`" }.
cli-long-check = Sort avec le code 0 s’il n’y a aucune erreur (les avertissements sont permis), 1 sinon.
cli-about-list = Lister les briefings : identifiant, date, langue, titre, sections, mots-clés.
cli-about-show = Afficher un briefing en texte brut mis en forme, à envoyer vers less ou grep.
cli-arg-show-id = L’identifiant du briefing (voir `brief list`).
cli-arg-show-section = Seulement cette section (son identifiant).
cli-arg-show-width = Largeur des lignes, en colonnes.
cli-about-search = Chercher dans les briefings : chaque résultat sous la forme { "`file:section:line: snippet`" }, comme grep.
cli-long-search = Ignore la casse (une majuscule rend la recherche sensible à la casse), les accents et la typographie : `cooperation` trouve `coopération`. Sort avec le code 0 si quelque chose correspond, 1 sinon, 2 en cas d’erreur.
cli-arg-query = Ce qu’il faut chercher.
cli-about-notes = Lister les signets et les notes, avec leur état par rapport aux briefings tels qu’ils sont aujourd’hui.
cli-long-notes = État : rattachée, déplacée (retrouvée ailleurs ; à confirmer dans la lecture) ou orpheline (son passage a disparu ; la citation est conservée).
cli-arg-notes-ids = Seulement ces briefings (identifiants ; par défaut : tous les briefings annotés).
cli-arg-tag = Seulement les notes portant cette #étiquette.
cli-arg-orphans = Seulement les annotations dont le passage est introuvable.
cli-about-export = Exporter les notes de lecture : Markdown, JSON (pour d’autres outils ; `import-notes` le relit) ou une page HTML imprimable.
cli-arg-export-ids = Les briefings (identifiants ; par défaut : tous les briefings annotés).
cli-arg-export-format = Le format.
cli-arg-since = Seulement les annotations modifiées ce jour-là ou après (AAAA-MM-JJ).
cli-arg-output = Où écrire (`-` pour la sortie standard ; par défaut : un nouveau fichier dans le dossier courant).
cli-about-import-notes = Fusionner dans le stockage les notes d’un export JSON, par identifiant (rien ne se perd : une note modifiée des deux côtés garde ses deux textes).
cli-arg-import-notes-file = L’export JSON.
cli-about-import = Transformer un article en texte brut ou en Markdown en brouillon de briefing TOML.
cli-long-import = Devine le titre, les intertitres et le type de chaque section (mots-clés français et anglais), un résumé tiré de l’introduction, et les dates que le texte donne ; affiche ce qu’il a deviné. Le brouillon passe `brief check`. Un fichier existant n’est jamais écrasé sans --force.
cli-arg-import-file = L’article (texte brut, ou Markdown pour les fichiers .md).
cli-arg-import-lang = La langue de l’article (devinée si elle n’est pas donnée).
cli-arg-import-id = L’identifiant du briefing (par défaut : le nom du fichier, en slug).
cli-arg-import-year = L’année des dates que le texte donne sans année.
cli-arg-import-output = Où écrire le brouillon (`-` pour la sortie standard ; par défaut : ./ID.toml).
cli-arg-force = Remplacer OUT s’il existe.
cli-about-completions = Afficher les complétions pour un shell.
cli-arg-shell = Le shell.

## La ligne de commande : sorties et erreurs. La sortie JSON ne change jamais avec la
## langue ; le préfixe `file:line:col: error:` des problèmes reste tel quel, pour les outils.

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
cli-list-id = ID
cli-list-date = DATE
cli-list-lang = LANGUE
cli-list-title = TITRE
cli-list-sections = SECTIONS
cli-list-tags = MOTS-CLÉS
cli-no-briefing-with-id = brief : aucun briefing n’a l’identifiant `{ $id }` (connus : { $known })
cli-none = aucun
cli-no-section = brief : `{ $briefing }` n’a pas de section `{ $section }` (sections : { $known })
cli-query-empty = brief : la requête est vide
cli-briefing-error = brief : { $id } : { $error }
cli-notes-not-in-library = brief : le briefing `{ $id }` n’est pas dans la bibliothèque : ses annotations sont listées comme orphelines
cli-notes-status-attached = rattachée
cli-notes-status-moved = déplacée
cli-notes-status-orphan = orpheline
cli-notes-bookmark = (signet)
cli-notes-bookmark-labelled = (signet : { $label })
cli-notes-none = aucun signet ni aucune note
cli-export-skipped = brief : ignoré : { $why }
cli-export-nothing = brief : rien à exporter
cli-wrote = { $path } écrit
cli-cannot-write-export = brief : impossible d’écrire l’export : { $error }
cli-cannot-write = brief : impossible d’écrire { $path } : { $error }
cli-not-utf8 = ce n’est pas du texte UTF-8
cli-import-not-utf8 = UTF-8 invalide : les articles doivent être du texte UTF-8
cli-import-label-title = titre
cli-import-label-language = langue
cli-import-label-sections = sections
cli-import-label-dates = dates
cli-import-field = { $label } : { $value }
cli-import-language-guessed = { $language } (devinée)
cli-import-no-kind = (pas de type : à préciser)
cli-import-no-dates = aucune trouvée
cli-import-dates-count = { $count ->
        [one] { $count }, marquée `unconfirmed`
       *[other] { $count }, toutes marquées `unconfirmed`
    }
cli-import-wrote = { $path } écrit : vérifiez le titre, le résumé, les types et les dates, puis lancez `brief check { $path }`
cli-import-exists = brief : { $path } existe déjà ; utilisez --force pour le remplacer, ou -o pour écrire ailleurs

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
export-skipped-not-in-library = `{ $id }` n’est pas dans la bibliothèque
export-bad-file-name = `{ $name }` ne peut pas servir de nom de fichier
export-too-many-variants = { $count } fichiers nommés comme `{ $name }` existent déjà
