//! Finds where a value sits in a RON file, so that a problem found after
//! parsing (an unsorted year, a missing translation) can still be reported as
//! `file:line:col`.
//!
//! serde hands us values without positions, so this module scans the same
//! text a second time and records the start of every value under a path such
//! as `events[3].year` or `chapters[0].title.zh-HK`. It is forgiving: on text
//! it does not understand it stops, and lookups fall back to the nearest
//! enclosing value that it did record.

use std::collections::HashMap;

/// A 1-based line and column (columns count characters, as ron's do).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1, in characters.
    pub col: usize,
}

impl Pos {
    /// The first character of a file.
    pub const START: Pos = Pos { line: 1, col: 1 };
}

/// Deeper nesting than this is not indexed (ron refuses it anyway).
const MAX_DEPTH: usize = 128;

/// Where each value of one RON file starts, by path.
#[derive(Debug, Default)]
pub struct Locations {
    starts: HashMap<String, Pos>,
}

impl Locations {
    /// Indexes `src`.
    pub fn index(src: &str) -> Self {
        let mut scanner = Scanner {
            chars: src.chars().collect(),
            i: 0,
            line: 1,
            col: 1,
            starts: HashMap::new(),
        };
        scanner.skip_trivia();
        // A syntax error simply ends the scan; ron reports it.
        let _ = scanner.value("", 0);
        Self {
            starts: scanner.starts,
        }
    }

    /// Where the value at `path` starts; if that path was not recorded, where
    /// its nearest recorded ancestor starts; else the start of the file.
    pub fn find(&self, path: &str) -> Pos {
        let mut p = path;
        loop {
            if let Some(pos) = self.starts.get(p) {
                return *pos;
            }
            match p.rfind(['.', '[']) {
                Some(cut) => p = &p[..cut],
                None => return self.starts.get("").copied().unwrap_or(Pos::START),
            }
        }
    }
}

/// Joins a field or map key onto a path.
pub fn field(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// Joins a list index onto a path.
pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

struct Scanner {
    chars: Vec<char>,
    i: usize,
    line: usize,
    col: usize,
    starts: HashMap<String, Pos>,
}

/// The scan met something it does not understand.
struct Stop;

impl Scanner {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.i + ahead).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            col: self.col,
        }
    }

    fn expect(&mut self, c: char) -> Result<(), Stop> {
        if self.peek() == Some(c) {
            self.bump();
            Ok(())
        } else {
            Err(Stop)
        }
    }

    /// Skips whitespace, comments and `#![enable(..)]` attributes.
    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while let Some(c) = self.bump() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                (Some('/'), Some('*')) => {
                    self.bump();
                    self.bump();
                    let mut depth = 1usize;
                    while depth > 0 {
                        match (self.bump(), self.peek()) {
                            (None, _) => return,
                            (Some('*'), Some('/')) => {
                                self.bump();
                                depth -= 1;
                            }
                            (Some('/'), Some('*')) => {
                                self.bump();
                                depth += 1;
                            }
                            _ => {}
                        }
                    }
                }
                (Some('#'), Some('!')) => {
                    while let Some(c) = self.bump() {
                        if c == ']' {
                            break;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn ident(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' {
                s.push(c);
                self.bump();
            } else {
                break;
            }
        }
        s
    }

    /// A quoted string's content (escapes kept simple: enough for keys).
    fn string(&mut self) -> Result<String, Stop> {
        self.expect('"')?;
        let mut s = String::new();
        loop {
            match self.bump().ok_or(Stop)? {
                '"' => return Ok(s),
                '\\' => s.push(self.bump().ok_or(Stop)?),
                c => s.push(c),
            }
        }
    }

    /// `r"…"` or `r#"…"#` with any number of `#`.
    fn raw_string(&mut self) -> Result<(), Stop> {
        self.expect('r')?;
        let mut hashes = 0;
        while self.peek() == Some('#') {
            self.bump();
            hashes += 1;
        }
        self.expect('"')?;
        loop {
            if self.bump().ok_or(Stop)? == '"' {
                let mut n = 0;
                while n < hashes && self.peek() == Some('#') {
                    self.bump();
                    n += 1;
                }
                if n == hashes {
                    return Ok(());
                }
            }
        }
    }

    fn char_literal(&mut self) -> Result<(), Stop> {
        self.expect('\'')?;
        loop {
            match self.bump().ok_or(Stop)? {
                '\'' => return Ok(()),
                '\\' => {
                    self.bump();
                }
                _ => {}
            }
        }
    }

    fn value(&mut self, path: &str, depth: usize) -> Result<(), Stop> {
        if depth > MAX_DEPTH {
            return Err(Stop);
        }
        self.skip_trivia();
        let here = self.pos();
        self.starts.entry(path.to_owned()).or_insert(here);
        match self.peek().ok_or(Stop)? {
            '(' => self.parens(path, false, depth),
            '[' => self.list(path, depth),
            '{' => self.map(path, depth),
            '"' => self.string().map(drop),
            '\'' => self.char_literal(),
            'r' if matches!(self.peek_at(1), Some('"' | '#')) => self.raw_string(),
            'b' if self.peek_at(1) == Some('"') => {
                self.bump();
                self.string().map(drop)
            }
            c if c.is_alphabetic() || c == '_' => {
                self.ident();
                self.skip_trivia();
                if self.peek() == Some('(') {
                    self.parens(path, true, depth)
                } else {
                    Ok(())
                }
            }
            c if c.is_ascii_digit() || matches!(c, '-' | '+' | '.') => {
                while let Some(c) = self.peek() {
                    if c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.' | '_') {
                        self.bump();
                    } else {
                        break;
                    }
                }
                Ok(())
            }
            _ => Err(Stop),
        }
    }

    /// Is the text ahead `name:` (a named field) rather than a value?
    fn named_field_ahead(&self) -> bool {
        let mut j = self.i;
        let first = self.chars.get(j).copied();
        if !first.is_some_and(|c| c.is_alphabetic() || c == '_') {
            return false;
        }
        while self
            .chars
            .get(j)
            .is_some_and(|c| c.is_alphanumeric() || *c == '_')
        {
            j += 1;
        }
        while self.chars.get(j).is_some_and(|c| c.is_whitespace()) {
            j += 1;
        }
        self.chars.get(j) == Some(&':') && self.chars.get(j + 1) != Some(&':')
    }

    /// A struct `(a: 1, b: 2)`, a tuple `(1, 2)`, or the parenthesised part
    /// of `Some(x)` or `Variant(x)` (`named`: after an identifier), whose
    /// content is indexed at the same path as the whole.
    fn parens(&mut self, path: &str, named: bool, depth: usize) -> Result<(), Stop> {
        self.expect('(')?;
        self.skip_trivia();
        if self.named_field_ahead() {
            loop {
                self.skip_trivia();
                if self.peek() == Some(')') {
                    break;
                }
                let name = self.ident();
                self.skip_trivia();
                self.expect(':')?;
                self.value(&field(path, &name), depth + 1)?;
                self.skip_trivia();
                if self.peek() == Some(',') {
                    self.bump();
                }
            }
        } else {
            let mut n = 0;
            loop {
                self.skip_trivia();
                if self.peek() == Some(')') {
                    break;
                }
                let child = if named {
                    path.to_owned()
                } else {
                    field(path, &n.to_string())
                };
                self.value(&child, depth + 1)?;
                n += 1;
                self.skip_trivia();
                if self.peek() == Some(',') {
                    self.bump();
                }
            }
        }
        self.expect(')')
    }

    fn list(&mut self, path: &str, depth: usize) -> Result<(), Stop> {
        self.expect('[')?;
        let mut n = 0;
        loop {
            self.skip_trivia();
            if self.peek() == Some(']') {
                break;
            }
            self.value(&index(path, n), depth + 1)?;
            n += 1;
            self.skip_trivia();
            if self.peek() == Some(',') {
                self.bump();
            }
        }
        self.expect(']')
    }

    fn map(&mut self, path: &str, depth: usize) -> Result<(), Stop> {
        self.expect('{')?;
        loop {
            self.skip_trivia();
            if self.peek() == Some('}') {
                break;
            }
            let key = match self.peek().ok_or(Stop)? {
                '"' => self.string()?,
                c if c.is_alphabetic() || c == '_' => self.ident(),
                _ => return Err(Stop),
            };
            self.skip_trivia();
            self.expect(':')?;
            self.value(&field(path, &key), depth + 1)?;
            self.skip_trivia();
            if self.peek() == Some(',') {
                self.bump();
            }
        }
        self.expect('}')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r##"// a comment
#![enable(implicit_some)]
(
    title: {"en": "Hi", "zh-HK": "你好"},
    events: [
        (year: 1997, month: Some(3), body: r#"raw "quoted""#),
        /* nested /* comment */ */ (year: 2000, focal: (x: 0.5, y: 0.2)),
    ],
    strings: { nav_story: {"en": "Story"} },
)
"##;

    #[test]
    fn finds_fields_list_items_and_map_keys() {
        let loc = Locations::index(SRC);
        assert_eq!(loc.find("title"), Pos { line: 4, col: 12 });
        assert_eq!(loc.find("title.zh-HK"), Pos { line: 4, col: 34 });
        assert_eq!(loc.find("events[0].year"), Pos { line: 6, col: 16 });
        assert_eq!(loc.find("events[0].month"), Pos { line: 6, col: 29 });
        assert_eq!(loc.find("events[1]"), Pos { line: 7, col: 36 });
        assert_eq!(loc.find("events[1].focal.y"), Pos { line: 7, col: 68 });
        assert_eq!(loc.find("strings.nav_story.en"), Pos { line: 9, col: 34 });
    }

    #[test]
    fn falls_back_to_the_nearest_ancestor() {
        let loc = Locations::index(SRC);
        assert_eq!(loc.find("events[1].title.en"), Pos { line: 7, col: 36 });
        assert_eq!(loc.find("nothing.here"), Pos { line: 3, col: 1 });
    }

    #[test]
    fn survives_broken_and_hostile_text() {
        for src in [
            "",
            "(",
            "(a: [1, 2",
            "\"unterminated",
            "r###\"x",
            "{ 1: 2 }",
        ] {
            let _ = Locations::index(src).find("a[0]");
        }
        let deep = "[".repeat(100_000);
        assert_eq!(
            Locations::index(&deep).find("[0][0]"),
            Pos { line: 1, col: 3 }
        );
    }
}
