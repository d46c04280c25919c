//! Language and base direction from the letters of the text.
//!
//! Arabic script with Persian-only letters (پ چ ژ گ) and Persian function words is `fa`;
//! with Urdu-only letters (ٹ ڈ ڑ ں ے) `ur`; otherwise Arabic script is `ar` — even when written
//! with Persian ی and ک. Latin letters with English function words are `en`; other text `und`.

use crate::model::Dir;

/// Persian function words.
fn persian_word(w: &str) -> bool {
    matches!(w, "است" | "این" | "را" | "که" | "می" | "های" | "شد" | "برای")
}

/// Urdu function words.
fn urdu_word(w: &str) -> bool {
    matches!(w, "ہے" | "ہیں" | "کے" | "میں" | "کی")
}

/// Guesses `(lang, dir)` for `text`.
pub(crate) fn detect(text: &str) -> (&'static str, Dir) {
    let (mut arabic, mut latin, mut persian, mut urdu, mut hebrew) = (0usize, 0usize, 0, 0, 0);
    // Whitespace-separated words (as `split_whitespace`): how many, how many Persian and Urdu
    // function words; counted in the same pass.
    let (mut words, mut fa_words, mut ur_words) = (0usize, 0usize, false);
    let mut word_start: Option<usize> = None;
    let mut end_word = |from: Option<usize>, to: usize| {
        if let Some(a) = from {
            let w = &text[a..to];
            words += 1;
            // Every function word is 2–4 letters of 2 bytes each.
            if w.len() <= 8 {
                fa_words += persian_word(w) as usize;
                ur_words |= urdu_word(w);
            }
        }
    };
    for (i, c) in text.char_indices() {
        let u = c as u32;
        // Fast paths: ASCII, and the common Arabic letters (none of them Persian or Urdu).
        if u < 0x80 {
            if matches!(u, 0x09..=0x0D | 0x20) {
                end_word(word_start.take(), i);
            } else {
                word_start.get_or_insert(i);
                latin += c.is_ascii_alphabetic() as usize;
            }
            continue;
        }
        if crate::normalize::is_space(c) {
            end_word(word_start.take(), i);
            continue;
        }
        word_start.get_or_insert(i);
        if (0x0621..=0x064A).contains(&u) {
            arabic += 1;
            continue;
        }
        match c {
            'پ' | 'چ' | 'ژ' | 'گ' => {
                persian += 1;
                arabic += 1
            }
            'ٹ' | 'ڈ' | 'ڑ' | 'ں' | 'ے' | 'ھ' => {
                urdu += 1;
                arabic += 1
            }
            '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' => {
                arabic += 1
            }
            '\u{05D0}'..='\u{05EA}' => hebrew += 1,
            '\u{00C0}'..='\u{024F}' => latin += 1,
            _ => {}
        }
    }
    end_word(word_start.take(), text.len());
    if arabic == 0 && latin == 0 && hebrew == 0 {
        return ("und", Dir::Ltr);
    }
    if hebrew > arabic && hebrew > latin {
        return ("he", Dir::Rtl);
    }
    if arabic >= latin {
        if urdu * 200 > arabic && ur_words {
            return ("ur", Dir::Rtl);
        }
        if persian * 300 > arabic || fa_words * 60 > words.max(1) {
            // Persian words beside Persian letters; Arabic pages with a Persian ی stay Arabic.
            if fa_words * 40 >= words.max(1) {
                return ("fa", Dir::Rtl);
            }
        }
        return ("ar", Dir::Rtl);
    }
    english_or_und(text)
}

/// A text without enough Arabic script: English when its common function words are frequent
/// enough, else undetermined.
fn english_or_und(text: &str) -> (&'static str, Dir) {
    let mut en = 0usize;
    let mut total = 0usize;
    for w in text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()).take(5000) {
        total += 1;
        let w = w.to_ascii_lowercase();
        if matches!(w.as_str(), "the" | "of" | "and" | "to" | "in" | "is" | "that" | "for" | "on" | "was" | "with" | "said" | "by" | "a" | "an" | "are" | "it" | "from" | "as") {
            en += 1;
        }
    }
    if en * 12 >= total && total > 0 {
        ("en", Dir::Ltr)
    } else {
        ("und", Dir::Ltr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first version of `detect` (several passes), to check the one-pass version against.
    fn detect_reference(text: &str) -> (&'static str, Dir) {
        let (mut arabic, mut latin, mut persian, mut urdu, mut hebrew) = (0usize, 0usize, 0, 0, 0);
        for c in text.chars() {
            match c {
                'پ' | 'چ' | 'ژ' | 'گ' => {
                    persian += 1;
                    arabic += 1
                }
                'ٹ' | 'ڈ' | 'ڑ' | 'ں' | 'ے' | 'ھ' => {
                    urdu += 1;
                    arabic += 1
                }
                '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' => {
                    arabic += 1
                }
                '\u{05D0}'..='\u{05EA}' => hebrew += 1,
                'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' => latin += 1,
                _ => {}
            }
        }
        if arabic == 0 && latin == 0 && hebrew == 0 {
            return ("und", Dir::Ltr);
        }
        if hebrew > arabic && hebrew > latin {
            return ("he", Dir::Rtl);
        }
        if arabic >= latin {
            let words = || text.split_whitespace();
            if urdu * 200 > arabic && words().any(|w| matches!(w, "ہے" | "ہیں" | "کے" | "میں" | "کی")) {
                return ("ur", Dir::Rtl);
            }
            if persian * 300 > arabic
                || words().filter(|w| matches!(*w, "است" | "این" | "را" | "که" | "می" | "های" | "شد" | "برای")).count() * 60
                    > words().count().max(1)
            {
                // Persian words beside Persian letters; Arabic pages with a Persian ی stay Arabic.
                let function_words = words().filter(|w| matches!(*w, "است" | "را" | "این" | "که" | "می" | "برای" | "شد" | "های")).count();
                if function_words * 40 >= words().count().max(1) {
                    return ("fa", Dir::Rtl);
                }
            }
            return ("ar", Dir::Rtl);
        }
        super::english_or_und(text)
    }

    #[test]
    fn one_pass_agrees_with_the_reference() {
        let mut texts: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
            .map(|e| std::fs::read_to_string(e.path()).unwrap())
            .collect();
        let parts = ["این", "است", "را", "ہے", "میں", "پ", "ٹ", "قال", "the", "שלום", "\u{00A0}", "\u{3000}", " ", "\n", "ی", "12"];
        for a in 0..parts.len() {
            for b in 0..parts.len() {
                for c in 0..parts.len() {
                    texts.push(format!("{}{} {}{}", parts[a], parts[b], parts[c], parts[a].repeat(c)));
                }
            }
        }
        for t in &texts {
            assert_eq!(detect(t), detect_reference(t), "{t:?}");
        }
    }

    #[test]
    fn languages() {
        assert_eq!(detect("قال وزير الخارجية إن المحادثات مستمرة").0, "ar");
        assert_eq!(detect("کلمات دلالیة: کورونا بریطانیا أمریکا حوادث السعودیة").0, "ar");
        assert_eq!(detect("این یک متن فارسی است که برای آزمایش نوشته شده و پیام را می رساند").0, "fa");
        assert_eq!(detect("یہ ایک اردو جملہ ہے جو پاکستان میں لکھا گیا").0, "ur");
        assert_eq!(detect("The minister said that the talks were going well."), ("en", Dir::Ltr));
        assert_eq!(detect("12345 !!!").0, "und");
        assert_eq!(detect("").1, Dir::Ltr);
    }
}
