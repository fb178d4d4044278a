//! Tests of `anchor`.
use super::*;
use proptest::prelude::*;

/// Sentences `first..=last` of a block, or the whole block.
type Run = Option<(usize, usize)>;

/// The anchor of a whole block, or of a run of its sentences.
fn anchor_on(d: &DocText, s: usize, b: usize, run: Run) -> Anchor {
    let text = &d.sections[s].blocks[b];
    let spans = sentences(text);
    let range = run.map_or(0..text.len(), |(i, j)| spans[i].start..spans[j].end);
    make_anchor("b", "v1", d, s, b, range)
}

fn sim(a: &str, b: &str) -> f64 {
    similar(&normalized(a), &normalized(b), 0.0).unwrap_or(0.0)
}

fn section(id: String, blocks: Vec<String>) -> SectionText {
    SectionText { id, blocks }
}

/// A document written as lines: `# id` starts a section, any other line is a block
/// (`\` at the end of a line of a Rust string joins the next line to it).
fn parse(text: &str) -> DocText {
    let section = |chunk: &str| {
        let mut lines = chunk.lines().map(str::trim).filter(|l| !l.is_empty());
        let id = lines.next().unwrap_or_default().to_owned();
        section(id, lines.map(String::from).collect())
    };
    let sections = text.split("# ").skip(1).map(section).collect();
    DocText { sections }
}

/// `|` marks where a sentence ends; the text is the line without the marks.
const SENTENCES: &str = "\
    Bonjour.| Comment allez-vous ?| Très bien !| Et vous…|  Moi aussi.
    Vraiment\u{a0}?| Oui\u{202f}!| D’accord.
    « Non ! »| Il partit.| « Pourquoi ? » demanda-t-elle.
    Il a crié « Non ! » et il est parti.
    M. Dupont et Mme Durand sont arrivés.| Ils repartent en 52 av. J.-C. Demain.
    Il hésite… puis accepte.| Le taux est de 3,75 %.| Fin !?
    The U.S. Treasury expects a cut.| Markets, e.g. bonds, rallied.| Dr. Smith agreed.
    See Fig. 3 (p. 12).| Rates were 3.75% in Jan. 2024, i.e. high!
    He said \"no.\"| Then he left...| Why?| Visit example.com today.
    今日は晴れです。|明日は雨でしょう！|本当？
    他说：「好。」|我们走吧。
    Sans point final
    Deux.| Phrases sans fin   \t
    !
    ... ";

#[test]
fn sentences_in_french_english_and_cjk() {
    for line in SENTENCES.lines().map(str::trim_start) {
        let text = line.replace('|', "");
        let got: Vec<&str> = sentences(&text).into_iter().map(|r| &text[r]).collect();
        let want: Vec<&str> = line.split('|').map(str::trim).collect();
        assert_eq!(got, want, "{line:?}");
    }
    assert_eq!(sentences("  Une phrase.   "), vec![2..13]);
    assert_eq!(sentences("Titre\n\nCorps."), vec![0..5, 7..13]);
    assert!(sentences("").is_empty() && sentences(" \n\u{a0} ").is_empty());
}

#[test]
fn context_crosses_block_edges_and_tells_repeats_apart() {
    let d = parse("# a\nPremier bloc.\nDeuxième bloc. Suite.\nDernier.\n# b\nAutre.");
    let a = anchor_on(&d, 0, 1, Some((0, 0)));
    let got = [a.section, a.quote, a.prefix, a.suffix].join("|");
    assert_eq!(got, "a|Deuxième bloc.|Premier bloc.\n| Suite.\nDernier.");
    let (first, last) = (anchor_on(&d, 0, 0, None), anchor_on(&d, 0, 2, None));
    assert_eq!((first.prefix.as_str(), last.suffix.as_str()), ("", ""));
    assert_eq!(last.prefix.chars().count(), CONTEXT_CHARS);
    // Context tells repeats in the hinted block apart.
    let d = parse("# a\nÀ suivre. Rien de neuf. À suivre. Fin du point.");
    let want = Location::new(0, 0, sentences(&d.sections[0].blocks[0])[2].clone());
    let got = resolve(&anchor_on(&d, 0, 0, Some((2, 2))), &d);
    assert_eq!(got, Resolution::Attached(want));
}

#[test]
fn bad_ranges_and_hints_do_not_panic() {
    let d = parse("# a\nÉquipe été.");
    let quote = |s, b, range| make_anchor("b", "v", &d, s, b, range).quote;
    assert_eq!([quote(0, 0, 1..2), quote(0, 0, 5..500)], ["É", "pe été."]);
    let (from, to) = (9, 3);
    for (s, b, range) in [(0, 0, from..to), (3, 7, 0..4)] {
        let a = make_anchor("b", "v", &d, s, b, range);
        assert_eq!(a.quote, "");
        assert_eq!(resolve(&a, &d), Resolution::Orphan);
        assert_eq!(resolve(&a, &DocText::default()), Resolution::Orphan);
    }
}

#[test]
fn reanchor_after_a_move_makes_it_attached() {
    let mut d = parse(BRIEFING);
    let a = anchor_on(&d, 1, 0, None);
    apply(&mut d, "ins 1 0 Nouveau paragraphe.");
    let Resolution::Moved(at) = resolve(&a, &d) else {
        panic!("expected a move")
    };
    let fresh = reanchor(&a, &d, &at, "v2");
    assert!(fresh.quote == a.quote && fresh.block == 1 && fresh.version == "v2");
    assert_eq!(resolve(&fresh, &d), Resolution::Attached(at));
}

#[test]
fn large_documents_resolve() {
    // 80,000 blocks: an exact hit far from the hint, then an orphan for which the
    // approximate step scans as far as it may.
    let text = |s, b| format!("Paragraphe {b} de la section {s} : la conjoncture reste floue.");
    let section = |s| section(format!("s{s}"), (0..200).map(|b| text(s, b)).collect());
    let sections = (0..400).map(section).collect();
    let mut d = DocText { sections };
    let a = anchor_on(&d, 10, 5, None);
    let moved = d.sections[10].blocks.remove(5);
    d.sections[390].blocks.insert(7, moved);
    let want = Location::new(390, 7, 0..a.quote.len());
    assert_eq!(resolve(&a, &d), Resolution::Moved(want));
    d.sections[390].blocks.remove(7);
    assert_eq!(resolve(&a, &d), Resolution::Orphan);
}

// The edit corpus: a briefing in three sections, nine annotations, sixteen edits.

const BRIEFING: &str = "\
    # synthese
    La situation sécuritaire au Sahel s'est encore dégradé ce trimestre. Les attaques \
    contre les convois ont doublé depuis janvier. Les autorités de transition refusent \
    toute médiation extérieure.
    Les prix de l'énergie restent élevés. Le gouvernement a prolongé le bouclier tarifaire \
    jusqu'en décembre, pour un coût estimé à 4,2 milliards d'euros.
    À suivre.
    # economie
    Au premier trimestre, le PIB a progressé de 0,3 %, porté par la consommation des \
    ménages. L'investissement des entreprises recule pour le troisième trimestre consécutif.
    Au deuxième trimestre, le PIB a progressé de 0,5 %, porté par la consommation des \
    ménages. L'investissement des entreprises recule pour le quatrième trimestre consécutif.
    Les prix de l'énergie restent élevés. La facture énergétique pèse sur les industriels, \
    qui réduisent leurs marges plutôt que leurs effectifs.
    The central bank kept its key rate unchanged at 3.75%, citing e.g. persistent services \
    inflation. Markets had priced in a cut. Analysts at the U.S. Treasury expect a first \
    move in September.
    # diplomatie
    Le ministre s'est rendu à Nairobi puis à Addis-Abeba. Il y a défendu « une approche \
    régionale » de la crise soudanaise\u{a0}! La presse locale a salué sa visite.
    Washington and Brussels issued a joint statement on Tuesday. It calls for an immediate \
    ceasefire and unhindered humanitarian access.
    À suivre.
    Les négociations reprendront la semaine prochaine à Doha, sous l'égide des médiateurs \
    qataris.
    Les négociations reprendront la semaine prochaine à Doha, sous l'égide des médiateurs \
    égyptiens.
    La prochaine réunion ministérielle aura lieu à Genéve en novembre.";

const NOTES: [(usize, usize, Run); 9] = [
    (0, 0, None),         // A1 synthèse ¶0, with a typo ("dégradé")
    (0, 1, Some((0, 0))), // A2 "Les prix de l'énergie restent élevés." (also in économie)
    (0, 2, None),         // A3 "À suivre."
    (2, 2, None),         // A4 "À suivre." (the other one)
    (1, 0, None),         // A5 PIB, first quarter (the second quarter is very similar)
    (1, 3, Some((1, 2))), // A6 "Markets had priced in a cut. Analysts at the U.S. …"
    (2, 1, Some((1, 1))), // A7 "It calls for an immediate ceasefire …"
    (2, 0, Some((1, 1))), // A8 "Il y a défendu « une approche régionale » … !"
    (2, 3, None),         // A9 Doha, Qatari mediators (the Egyptian ones follow)
];

/// Where A1…A9 are found on the base document: A attached, M moved (exact), N moved
/// (approximately: the same sentences of the edited block), O orphan; section.block.
const SAME: &str = "A0.0 A0.1 A0.2 A2.2 A1.0 A1.3 A2.1 A2.0 A2.3";

/// Each edit: name | operations (see `apply`) | outcomes: all nine, or changes from SAME.
const EDITS: &str = "\
    typo fixed elsewhere | rep 2 5 Genéve→Genève |
    paragraph inserted before | ins 1 0 Les chiffres ont été révisés. | A5=M1.1 A6=M1.4
    section inserted before | sec 0 contexte | A1.0 A1.1 A1.2 A3.2 A2.0 A2.3 A3.1 A3.0 A3.3
    sections reordered | swap 0 2; swap 1 2 | A1.0 A1.1 A1.2 A0.2 A2.0 A2.3 A0.1 A0.0 A0.3
    section renamed | ren 2 international | A4=M2.2 A7=M2.1 A8=M2.0 A9=M2.3
    word changed in quoted sentence | rep 2 1 unhindered→unimpeded | A7=N2.1
    quoted sentence rewritten | rep 2 0 Il y a défendu « une approche régionale » de la crise \
        soudanaise\u{a0}!→Il a plaidé pour un dialogue inclusif entre les belligérants. | A8=O
    quoted paragraphs deleted, similar ones left | del 1 0; del 2 3 | A5=O A6=M1.2 A9=O
    short paragraphs: context decides | ren 0 resume; ren 2 intl; swap 0 2 | \
        M2.0 M2.1 M2.2 M0.2 A1.0 A1.3 M0.1 M0.0 M0.3
    short paragraph deleted, its twin left | del 0 2 | A3=O
    quote moved into another section | move 1 3 0 | A6=M0.3
    whitespace changed elsewhere | rep 1 1 le PIB a→le  PIB\u{a0}a; rep 2 0 i puis→i\\n puis; \
        rep 2 5 aura lieu→aura\u{a0} lieu |
    whitespace changed inside quotes | rep 0 0 . →.\\n; rep 0 0 au Sahel→au  Sahel; \
        rep 2 1 an immediate ceasefire→an  immediate\u{a0}ceasefire | A1=N0.0 A7=N2.1
    typo fixed inside quoted paragraph | rep 0 0 dégradé→dégradée | A1=N0.0
    paragraph with a repeated sentence deleted | del 0 1 | A2=O A3=M0.1
    document replaced by unrelated text | new | O O O O O O O O O";

const UNRELATED: &str = "# meteo\nUn anticyclone s'installe sur la moitié nord.\n# sport\n\
    Le club local a remporté son troisième match.\nThe coach praised the defence.\nÀ suivre.";

/// Applies operations separated by `;`: `rep S B from→to` (in block B of section S,
/// `\\n` a line break), `ins S B text`, `del S B`, `move S B T` (to the end of T),
/// `sec S id` (a new section at S), `ren S id`, `swap S T`, `new` (unrelated text).
fn apply(d: &mut DocText, ops: &str) {
    for op in ops.split(';').map(str::trim).filter(|op| !op.is_empty()) {
        let parts: Vec<&str> = op.splitn(4, ' ').collect();
        let arg = |i: usize| parts.get(i).copied().unwrap_or_default();
        let num = |i: usize| arg(i).parse::<usize>().unwrap_or(0);
        let (s, b, rest) = (num(1), num(2), arg(3).replace("\\n", "\n"));
        match arg(0) {
            "rep" => {
                let (from, to) = rest.split_once('→').expect("from→to");
                let block = &mut d.sections[s].blocks[b];
                assert!(block.contains(from), "{from:?} not in {block:?}");
                *block = block.replace(from, to);
            }
            "ins" => d.sections[s].blocks.insert(b, rest),
            "del" => drop(d.sections[s].blocks.remove(b)),
            "move" => {
                let block = d.sections[s].blocks.remove(b);
                d.sections[num(3)].blocks.push(block);
            }
            "sec" => {
                let blocks = vec!["Rappel du contexte.".into(), "À suivre.".into()];
                d.sections.insert(s, section(arg(2).into(), blocks));
            }
            "ren" => d.sections[s].id = arg(2).to_owned(),
            "swap" => d.sections.swap(s, b),
            "new" => *d = parse(UNRELATED),
            _ => panic!("unknown operation {op:?}"),
        }
    }
}

/// How an annotation resolved, in the notation of SAME.
fn outcome(got: &Resolution, d: &DocText, a: &Anchor, run: Run) -> String {
    let Some(at) = got.location() else {
        return "O".into();
    };
    let (passage, text) = (d.passage(at), &d.sections[at.section].blocks[at.block]);
    let spans = sentences(text);
    let same = run.map_or(text.trim(), |(i, j)| &text[spans[i].start..spans[j].end]);
    let kind = match got {
        Resolution::Attached(_) if passage == Some(a.quote.as_str()) => "A",
        Resolution::Moved(_) if passage == Some(a.quote.as_str()) => "M",
        Resolution::Moved(_) if passage == Some(same) => "N",
        _ => "?",
    };
    format!("{kind}{}.{}", at.section, at.block)
}

#[test]
fn the_edit_corpus_resolves_as_expected() {
    let base = parse(BRIEFING);
    let anchors = NOTES.map(|(s, b, run)| anchor_on(&base, s, b, run));
    let a6 = "Markets had priced in a cut. Analysts at the U.S. Treasury expect a first move";
    assert_eq!(anchors[5].quote, format!("{a6} in September."));
    let a8 = "Il y a défendu « une approche régionale » de la crise soudanaise\u{a0}!";
    assert_eq!(anchors[7].quote, a8);
    let mut failures = Vec::new();
    for line in EDITS.lines() {
        let fields: Vec<&str> = line.split('|').map(str::trim).collect();
        let (edit, ops, changes) = (fields[0], fields[1], fields[2]);
        let mut d = base.clone();
        apply(&mut d, ops);
        let mut want: Vec<&str> = SAME.split(' ').collect();
        for (i, change) in changes.split_whitespace().enumerate() {
            let (note, place) = change.split_once('=').unwrap_or(("", change));
            let note = note.get(1..).and_then(|n| n.parse::<usize>().ok());
            want[note.map_or(i, |n| n - 1)] = place;
        }
        for (i, a) in anchors.iter().enumerate() {
            let got = outcome(&resolve(a, &d), &d, a, NOTES[i].2);
            if got != want[i] {
                failures.push(format!("{edit}: A{}: want {}, got {got}", i + 1, want[i]));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    // The similar paragraphs pass the quote threshold: only context, figures and the
    // neighbour test turn them away.
    let text = |s: usize, b: usize| base.sections[s].blocks[b].as_str();
    assert!(sim(text(1, 0), text(1, 1)) > 0.9 && sim(text(2, 3), text(2, 4)) > 0.9);
}

// Properties, on generated briefings.

const WORDS: &str = "analyse budget crise défense économie élection frontière gouvernement \
    hausse industrie journée marché ministre navire opération pétrole région sécurité traité \
    urgence village zone accord bilan conflit dette énergie forces grève impôt réforme sommet \
    report market growth border treaty minister pressure summit inflation shipping coalition";

/// A block: one to four sentences of seven to eleven words.
fn block() -> impl Strategy<Value = String> {
    let words = prop::sample::select(WORDS.split(' ').collect::<Vec<_>>());
    let stop = prop::sample::select(vec![".", "!", " ?", "\u{a0}!"]);
    let sentence = (prop::collection::vec(words, 7..12), stop).prop_map(|(words, stop)| {
        let text = words.join(" ");
        let first = text.chars().next().map_or(0, char::len_utf8);
        format!("{}{}{stop}", text[..first].to_uppercase(), &text[first..])
    });
    prop::collection::vec(sentence, 1..5).prop_map(|s| s.join(" "))
}

/// A briefing (sections s0, s1…) and a passage: section, block, byte range (the whole
/// block, or a run of up to three sentences).
fn passage() -> impl Strategy<Value = (DocText, usize, usize, Range<usize>)> {
    let sections = prop::collection::vec(prop::collection::vec(block(), 1..7), 1..5);
    let run = prop::option::of((any::<usize>(), 0..3usize));
    (sections, any::<(usize, usize)>(), run).prop_map(|(sections, (s, b), run)| {
        let sections = sections.into_iter().enumerate();
        let sections = sections.map(|(i, b)| section(format!("s{i}"), b)).collect();
        let d = DocText { sections };
        let s = s % d.sections.len();
        let b = b % d.sections[s].blocks.len();
        let spans = sentences(&d.sections[s].blocks[b]);
        let (i, n) = run.map_or((0, spans.len() - 1), |(i, n)| (i % spans.len(), n));
        let range = spans[i].start..spans[(i + n).min(spans.len() - 1)].end;
        (d, s, b, range)
    })
}

/// Edits: (kind, section, position, text). Kinds: 0 insert a block, 1 delete one, 2
/// change one, 3 insert a section, 4 swap two sections.
type Edits = Vec<(u8, usize, usize, String)>;

fn edits() -> impl Strategy<Value = Edits> {
    prop::collection::vec((0..5u8, any::<usize>(), any::<usize>(), block()), 0..12)
}

/// Applies edits to blocks other than `q` (section, block); returns where `q` is now.
fn apply_edits(d: &mut DocText, mut q: (usize, usize), edits: &Edits) -> (usize, usize) {
    for (n, (kind, s, b, text)) in edits.iter().enumerate() {
        let (count, s) = (d.sections.len(), s % d.sections.len());
        let blocks = &mut d.sections[s].blocks;
        let (len, here) = (blocks.len(), s == q.0);
        let (at, other) = (b % (len + 1), b % count);
        let mine = here && at == q.1;
        match kind {
            0 => blocks.insert(at, text.clone()),
            1 if at < len && !mine => drop(blocks.remove(at)),
            2 if at < len && !mine => blocks[at] = text.clone(),
            3 => d.sections.insert(other, section(format!("n{n}"), vec![])),
            4 => d.sections.swap(s, other),
            _ => continue,
        }
        match kind {
            0 => q.1 += usize::from(here && at <= q.1),
            1 => q.1 -= usize::from(here && at < q.1),
            3 => q.0 += usize::from(other <= q.0),
            4 if q.0 == s || q.0 == other => q.0 = s + other - q.0,
            _ => {}
        }
    }
    q
}

/// Whether some run of whole sentences in the briefing is within the threshold.
fn similar_left(d: &DocText, quote: &str) -> bool {
    let quote = normalized(quote);
    let mut blocks = d.sections.iter().flat_map(|s| &s.blocks);
    blocks.any(|t| {
        let spans = sentences(t);
        let ends = |start: usize| spans.iter().map(move |e| start..e.end);
        let runs = spans.iter().map(|a| a.start).flat_map(ends);
        let mut runs = runs.filter(|r| r.start < r.end);
        runs.any(|r| similar(&normalized(&t[r]), &quote, MIN_QUOTE_SIMILARITY).is_some())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn passages_are_found_again_after_unrelated_edits((mut d, s, b, range) in passage(),
                                                      edits in edits()) {
        let anchor = make_anchor("b", "v1", &d, s, b, range.clone());
        let here = Location::new(s, b, range.clone());
        prop_assert_eq!(resolve(&anchor, &d), Resolution::Attached(here));
        let (qs, qb) = apply_edits(&mut d, (s, b), &edits);
        let got = resolve(&anchor, &d);
        let at = got.location().cloned().unwrap_or(Location::new(0, 0, 0..0));
        prop_assert_eq!(d.passage(&at), Some(anchor.quote.as_str()), "{:?}", got);
        let blocks = d.sections.iter().flat_map(|s| &s.blocks);
        if blocks.map(|t| t.matches(&anchor.quote).count()).sum::<usize>() == 1 {
            let there = Location::new(qs, qb, range);
            let want = if qb == b { Resolution::Attached(there) } else { Resolution::Moved(there) };
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn deleted_passages_become_orphans((mut d, s, b, range) in passage(), edits in edits()) {
        let anchor = make_anchor("b", "v1", &d, s, b, range);
        let (qs, qb) = apply_edits(&mut d, (s, b), &edits);
        d.sections[qs].blocks.remove(qb);
        prop_assume!(!similar_left(&d, &anchor.quote));
        prop_assert_eq!(resolve(&anchor, &d), Resolution::Orphan);
    }

    #[test]
    fn edited_passages_never_attach_beyond_the_threshold(
        (mut d, s, b, range) in passage(),
        changes in prop::collection::vec((any::<usize>(), 0..3u8, "[a-z ]"), 1..25),
    ) {
        let anchor = make_anchor("b", "v1", &d, s, b, range.clone());
        let mut chars: Vec<char> = anchor.quote.chars().collect();
        for (at, kind, c) in changes {
            let (at, c) = (at % (chars.len() + 1), c.chars().next().unwrap_or('x'));
            match kind {
                0 if at < chars.len() => chars[at] = c,
                1 if at < chars.len() => drop(chars.remove(at)),
                _ => chars.insert(at, c),
            }
        }
        d.sections[s].blocks[b].replace_range(range, &chars.into_iter().collect::<String>());
        if let Some(at) = resolve(&anchor, &d).location() {
            let passage = d.passage(at).unwrap_or_default();
            prop_assert!(sim(passage, &anchor.quote) >= MIN_QUOTE_SIMILARITY, "{:?}", passage);
        }
    }

    #[test]
    fn banded_edit_distance_is_the_edit_distance(a in "[abé ]{0,12}", b in "[abé ]{0,12}",
                                                 limit in 0usize..14) {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, x) in a.iter().enumerate() {
            let mut next = vec![i + 1; b.len() + 1];
            for (j, y) in b.iter().enumerate() {
                next[j + 1] = (row[j] + usize::from(x != y)).min(row[j + 1] + 1).min(next[j] + 1);
            }
            row = next;
        }
        let plain = row[b.len()];
        prop_assert_eq!(edit_distance_within(&a, &b, limit), (plain <= limit).then_some(plain));
    }

    #[test]
    fn sentences_cover_the_text_but_whitespace(text in any::<String>()) {
        let mut covered = 0;
        for r in sentences(&text) {
            prop_assert!(r.start < r.end && r.start >= covered, "{:?}", text);
            prop_assert!(text[covered..r.start].trim().is_empty());
            prop_assert_eq!(&text[r.clone()], text[r.clone()].trim());
            covered = r.end;
        }
        prop_assert!(text[covered..].trim().is_empty());
    }
}
