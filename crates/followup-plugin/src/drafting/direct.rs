//! A channel's own templates rendered straight from the facts, without Tera.
//!
//! The built-in templates of the bundled channels use a small part of Tera's language:
//! placeholders, `if`/`elif`/`else`, `for` over a list, a top-level `set`, `include`,
//! the `list`, `first`, `last`, `length` and `default` filters, `and`/`or`/`not`,
//! comparisons and `%`. Rendering them through Tera costs a template context per draft
//! (every fact copied into Tera's values) and Tera's interpreter: about a fifth of a
//! batch draft. This module parses that part of the language into a tree, once per
//! template set, and renders the tree against the facts it borrows.
//!
//! Tera stays the definition of what a template means:
//!
//! - a template set with anything outside the subset (a tag, a filter, a test, an
//!   operator, a name that is not a fact) is not parsed here at all and renders with
//!   Tera, as does every set with a style's templates (those are metered);
//! - anything a render meets that the tree does not model (a filter given a value that
//!   is not a list, a missing field, output past the budget) hands that render back to
//!   Tera, which gives the same text or the same error it always gave;
//! - a placeholder that renders empty is found as Tera finds it: a render without the
//!   empty facts stops at the first one printed, and the text is rendered again with
//!   them (see `Templates::render`);
//! - tests hold the two renderers to the same text and the same empty placeholders over
//!   every bundled channel's templates and many facts
//!   ([`crate::testing::assert_direct_renders_match_tera`]).

use std::borrow::Cow;

use super::facts::{CandidateFacts, Facts, PersonFacts};
use super::templates::EmptyPlaceholder;

/// A template set parsed into trees, with its includes resolved.
#[derive(Debug)]
pub(super) struct DirectSet {
    templates: Vec<Template>,
}

#[derive(Debug)]
struct Template {
    name: String,
    nodes: Vec<Node>,
    /// How many local names (`set`, loop variables) a render of it needs.
    locals: usize,
}

#[derive(Debug)]
enum Node {
    Text(Box<str>),
    /// `{{ expr }}`, with its source quoted as an empty placeholder is, and its line.
    Print {
        expr: Expr,
        quote: Box<str>,
        line: usize,
    },
    If {
        branches: Vec<(Expr, Vec<Node>)>,
        otherwise: Vec<Node>,
    },
    For {
        local: usize,
        list: Expr,
        body: Vec<Node>,
    },
    Set {
        local: usize,
        value: Expr,
    },
    /// The index of the included template in the set.
    Include(usize),
    /// An include by name, until every template of the set is parsed.
    IncludeNamed(String),
}

#[derive(Debug)]
enum Expr {
    Fact(Root),
    Field(Root, FieldName),
    Local(usize),
    Int(i64),
    Bool(bool),
    Str(Box<str>),
    Filter(Box<Expr>, Filter),
    Mod(Box<Expr>, Box<Expr>),
    Compare(Box<Expr>, Comparison, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Comparison {
    Equal,
    NotEqual,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
}

#[derive(Debug)]
enum Filter {
    List,
    First,
    Last,
    Length,
    Default(Box<Expr>),
}

/// A top-level fact, as `facts::context_of` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Root {
    Purpose,
    Sequence,
    Candidate,
    Recipient,
    About,
    ViaRecruiter,
    ToRecruiter,
    Cc,
    Company,
    Role,
    RoleKind,
    Topic,
    Topics,
    Strengths,
    Clarify,
    Motivation,
    InterviewDay,
    InterviewDate,
    InterviewWhen,
    MeetingFormat,
    Decision,
    NextSteps,
    Firm,
    Recruiter,
    SignOff,
    Tone,
    OtherInterviewers,
    Discussed,
    OpenPoints,
    RecipientAddress,
    SendDate,
    Spelling,
    Variant,
    Decides,
    StrengthSentences,
    StrengthReference,
    MotivationSentence,
    DiscussedSentences,
}

/// Every top-level fact by its name in templates.
const ROOTS: [(&str, Root); 38] = [
    ("purpose", Root::Purpose),
    ("sequence", Root::Sequence),
    ("candidate", Root::Candidate),
    ("recipient", Root::Recipient),
    ("about", Root::About),
    ("via_recruiter", Root::ViaRecruiter),
    ("to_recruiter", Root::ToRecruiter),
    ("cc", Root::Cc),
    ("company", Root::Company),
    ("role", Root::Role),
    ("role_kind", Root::RoleKind),
    ("topic", Root::Topic),
    ("topics", Root::Topics),
    ("strengths", Root::Strengths),
    ("clarify", Root::Clarify),
    ("motivation", Root::Motivation),
    ("interview_day", Root::InterviewDay),
    ("interview_date", Root::InterviewDate),
    ("interview_when", Root::InterviewWhen),
    ("meeting_format", Root::MeetingFormat),
    ("decision", Root::Decision),
    ("next_steps", Root::NextSteps),
    ("firm", Root::Firm),
    ("recruiter", Root::Recruiter),
    ("sign_off", Root::SignOff),
    ("tone", Root::Tone),
    ("other_interviewers", Root::OtherInterviewers),
    ("discussed", Root::Discussed),
    ("open_points", Root::OpenPoints),
    ("recipient_address", Root::RecipientAddress),
    ("send_date", Root::SendDate),
    ("spelling", Root::Spelling),
    ("variant", Root::Variant),
    ("decides", Root::Decides),
    ("strength_sentences", Root::StrengthSentences),
    ("strength_reference", Root::StrengthReference),
    ("motivation_sentence", Root::MotivationSentence),
    ("discussed_sentences", Root::DiscussedSentences),
];

/// A field of a person or of the candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FieldName {
    Name,
    FirstName,
    Title,
    Honorific,
    FormalName,
    Signature,
    Email,
    Phone,
    Address,
}

const PERSON_FIELDS: [(&str, FieldName); 5] = [
    ("name", FieldName::Name),
    ("first_name", FieldName::FirstName),
    ("title", FieldName::Title),
    ("honorific", FieldName::Honorific),
    ("formal_name", FieldName::FormalName),
];

const CANDIDATE_FIELDS: [(&str, FieldName); 6] = [
    ("name", FieldName::Name),
    ("first_name", FieldName::FirstName),
    ("signature", FieldName::Signature),
    ("email", FieldName::Email),
    ("phone", FieldName::Phone),
    ("address", FieldName::Address),
];

/// A value while rendering: what Tera would hold, for the kinds the subset meets.
#[derive(Clone, Debug)]
enum Val<'a> {
    /// Not in the context (an empty fact, left out of the first render).
    Undefined,
    /// In the context as `none`.
    None,
    Bool(bool),
    Int(i64),
    Str(Cow<'a, str>),
    List(&'a [String]),
    /// A person or the candidate as a whole: the subset never prints or tests one.
    Map,
}

/// Why a render stopped before its end.
#[derive(Debug)]
enum Stop {
    /// A placeholder printed a fact that is not there: the template's name, line and
    /// the placeholder.
    Gap { template: usize, line: usize, quote: Box<str> },
    /// Something the tree does not model: Tera renders this one.
    Unsupported,
}

/// What a direct render of one template gave.
pub(super) struct Rendered {
    /// The text, not yet tidied.
    pub(super) text: String,
    /// The placeholder that rendered empty, if one did (the first, as Tera reports it).
    pub(super) empty: Option<EmptyPlaceholder>,
}

impl DirectSet {
    /// Parses `sources` (name and text); `None` when any template uses something
    /// outside the subset or includes a template the set does not have.
    pub(super) fn parse<'s>(
        sources: impl IntoIterator<Item = (&'s str, &'s str)>,
    ) -> Option<DirectSet> {
        let mut templates = Vec::new();
        for (name, text) in sources {
            let mut parser = Parser { scopes: vec![Vec::new()], locals: 0, depth: 0 };
            let tokens = lex(text)?;
            let mut at = 0;
            let (nodes, end) = parser.block(&tokens, &mut at)?;
            if end.is_some() {
                return None;
            }
            templates.push(Template { name: name.to_string(), nodes, locals: parser.locals });
        }
        let names: Vec<String> = templates.iter().map(|t| t.name.clone()).collect();
        for template in &mut templates {
            resolve_includes(&mut template.nodes, &names)?;
        }
        Some(DirectSet { templates })
    }

    /// Renders the template `name` as Tera would: first without the empty facts, and,
    /// when a placeholder printed one, again with them. `None` when the template is
    /// not in the set or the render met something only Tera models (Tera then renders
    /// it, with the same outcome it always had).
    pub(super) fn render(
        &self,
        name: &str,
        facts: &Facts,
        output_limit: usize,
    ) -> Option<Rendered> {
        let index = self.templates.iter().position(|t| t.name == name)?;
        let first = match self.render_once(index, facts, false, output_limit) {
            Ok(text) => return Some(Rendered { text, empty: None }),
            Err(Stop::Unsupported) => return None,
            Err(Stop::Gap { template, line, quote }) => EmptyPlaceholder {
                template: self.templates[template].name.clone(),
                line: Some(line),
                placeholder: format!("{{{{ {quote} }}}}"),
            },
        };
        let text = self.render_once(index, facts, true, output_limit).ok()?;
        Some(Rendered { text, empty: Some(first) })
    }

    fn render_once(
        &self,
        index: usize,
        facts: &Facts,
        keep_empty: bool,
        output_limit: usize,
    ) -> Result<String, Stop> {
        let mut render =
            Render { set: self, facts, keep_empty, out: String::with_capacity(1024), output_limit };
        render.template(index, 0)?;
        Ok(render.out)
    }
}

fn resolve_includes(nodes: &mut [Node], names: &[String]) -> Option<()> {
    for node in nodes {
        match node {
            Node::IncludeNamed(name) => {
                let index = names.iter().position(|n| n == name)?;
                *node = Node::Include(index);
            }
            Node::If { branches, otherwise } => {
                for (_, body) in branches {
                    resolve_includes(body, names)?;
                }
                resolve_includes(otherwise, names)?;
            }
            Node::For { body, .. } => resolve_includes(body, names)?,
            Node::Text(_) | Node::Print { .. } | Node::Set { .. } | Node::Include(_) => {}
        }
    }
    Some(())
}

// ---------------------------------------------------------------------------------
// Lexing: text, placeholders and tags, with Tera's whitespace control applied.

#[derive(Debug)]
enum Token<'s> {
    Text(&'s str),
    Print { inner: &'s str, line: usize },
    Tag { inner: &'s str },
}

/// Splits a template into text, placeholders and tags, trimming the text beside a
/// `{{-`/`{%-` or `-}}`/`-%}` as Tera does. `None` for comments, raw blocks or an
/// unclosed tag.
fn lex(source: &str) -> Option<Vec<Token<'_>>> {
    let mut tokens = Vec::new();
    let mut rest = source;
    let mut offset = 0;
    let mut trim_next_start = false;
    let (mut line, mut counted) = (1, 0);
    loop {
        let open = find_open(rest);
        let (text, after) = match open {
            Some(at) => (&rest[..at], &rest[at..]),
            None => (rest, ""),
        };
        let mut text = text;
        if trim_next_start {
            text = text.trim_start();
        }
        let Some(_) = open else {
            if !text.is_empty() {
                tokens.push(Token::Text(text));
            }
            return Some(tokens);
        };
        let kind = after.as_bytes().get(1).copied();
        let trim_before = after.as_bytes().get(2) == Some(&b'-');
        if trim_before {
            text = text.trim_end();
        }
        if !text.is_empty() {
            tokens.push(Token::Text(text));
        }
        let start = offset + (rest.len() - after.len());
        // Counted from the last tag on, so that lexing stays linear in the source.
        line += source.get(counted..start)?.bytes().filter(|b| *b == b'\n').count();
        counted = start;
        let closing = match kind {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            _ => return None,
        };
        let body = &after[2 + usize::from(trim_before)..];
        let end = find_close(body, closing)?;
        let mut inner = &body[..end];
        trim_next_start = inner.ends_with('-');
        if trim_next_start {
            inner = &inner[..inner.len() - 1];
        }
        let inner = inner.trim();
        if inner.starts_with("raw") || inner.starts_with("endraw") {
            return None;
        }
        tokens.push(match kind {
            Some(b'{') => Token::Print { inner, line },
            _ => Token::Tag { inner },
        });
        let consumed = 2 + usize::from(trim_before) + end + 2;
        offset += rest.len() - after.len() + consumed;
        rest = &after[consumed..];
    }
}

/// Where the next `{{`, `{%` or `{#` starts.
fn find_open(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(1))
        .find(|&i| bytes[i] == b'{' && matches!(bytes[i + 1], b'{' | b'%' | b'#'))
}

/// Where `closing` ends the tag whose body starts `body`, outside string literals.
fn find_close(body: &str, closing: &str) -> Option<usize> {
    let bytes = body.as_bytes();
    let closing = closing.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        match quote {
            Some(q) if byte == q => quote = None,
            Some(_) => {}
            None if matches!(byte, b'"' | b'\'' | b'`') => quote = Some(byte),
            None if bytes[i..].starts_with(closing) => return Some(i),
            None => {}
        }
        i += 1;
    }
    None
}

// ---------------------------------------------------------------------------------
// Parsing tags and expressions.

struct Parser {
    /// The local names in scope, innermost last, with their slots.
    scopes: Vec<Vec<(String, usize)>>,
    locals: usize,
    /// How deep the blocks being parsed are nested.
    depth: usize,
}

/// The most tokens an expression of the subset has.
const MAX_EXPRESSION_TOKENS: usize = 64;

/// How deep `if` and `for` blocks may nest in the subset (parsing recurses per level).
const MAX_NESTING: usize = 32;

/// The tag that ended a block.
#[derive(Debug)]
enum Closing {
    Elif(Expr),
    Else,
    EndIf,
    EndFor,
}

impl Parser {
    /// Parses nodes up to the end of the tokens or a tag that ends a block.
    fn block(
        &mut self,
        tokens: &[Token<'_>],
        at: &mut usize,
    ) -> Option<(Vec<Node>, Option<Closing>)> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return None;
        }
        let block = self.block_nodes(tokens, at);
        self.depth -= 1;
        block
    }

    fn block_nodes(
        &mut self,
        tokens: &[Token<'_>],
        at: &mut usize,
    ) -> Option<(Vec<Node>, Option<Closing>)> {
        let mut nodes = Vec::new();
        while let Some(token) = tokens.get(*at) {
            *at += 1;
            match token {
                Token::Text(text) => nodes.push(Node::Text((*text).into())),
                Token::Print { inner, line } => {
                    let expr = self.expression(inner)?;
                    nodes.push(Node::Print { expr, quote: (*inner).into(), line: *line });
                }
                Token::Tag { inner } => {
                    let (keyword, rest) = split_keyword(inner);
                    match keyword {
                        "if" => {
                            let condition = self.expression(rest)?;
                            nodes.push(self.conditional(condition, tokens, at)?);
                        }
                        "elif" => {
                            return Some((nodes, Some(Closing::Elif(self.expression(rest)?))));
                        }
                        "else" if rest.is_empty() => return Some((nodes, Some(Closing::Else))),
                        "endif" if rest.is_empty() => return Some((nodes, Some(Closing::EndIf))),
                        "endfor" if rest.is_empty() => return Some((nodes, Some(Closing::EndFor))),
                        "for" => nodes.push(self.for_loop(rest, tokens, at)?),
                        "set" if self.depth == 1 => {
                            let (name, value) = rest.split_once('=')?;
                            let name = name.trim();
                            if !is_identifier(name) || value.trim_start().starts_with('=') {
                                return None;
                            }
                            let value = self.expression(value)?;
                            let local = self.declare(name)?;
                            nodes.push(Node::Set { local, value });
                        }
                        "include" => nodes.push(Node::IncludeNamed(string_literal(rest)?)),
                        _ => return None,
                    }
                }
            }
        }
        Some((nodes, None))
    }

    fn conditional(
        &mut self,
        condition: Expr,
        tokens: &[Token<'_>],
        at: &mut usize,
    ) -> Option<Node> {
        let mut branches = Vec::new();
        let mut condition = condition;
        loop {
            let (body, end) = self.block(tokens, at)?;
            branches.push((condition, body));
            match end? {
                Closing::Elif(next) => condition = next,
                Closing::Else => {
                    let (otherwise, end) = self.block(tokens, at)?;
                    return matches!(end?, Closing::EndIf)
                        .then_some(Node::If { branches, otherwise });
                }
                Closing::EndIf => return Some(Node::If { branches, otherwise: Vec::new() }),
                Closing::EndFor => return None,
            }
        }
    }

    fn for_loop(&mut self, header: &str, tokens: &[Token<'_>], at: &mut usize) -> Option<Node> {
        let (name, list) = header.split_once(" in ")?;
        let name = name.trim();
        if !is_identifier(name) {
            return None;
        }
        let list = self.expression(list)?;
        self.scopes.push(Vec::new());
        let local = self.declare(name)?;
        let (body, end) = self.block(tokens, at)?;
        self.scopes.pop();
        matches!(end?, Closing::EndFor).then_some(Node::For { local, list, body })
    }

    /// A new local name, in the innermost scope; `None` when it would hide a fact or a
    /// local, or is a name Tera gives a meaning (`loop`).
    fn declare(&mut self, name: &str) -> Option<usize> {
        if name == "loop" || root(name).is_some() || self.local(name).is_some() {
            return None;
        }
        let slot = self.locals;
        self.locals += 1;
        self.scopes.last_mut()?.push((name.to_string(), slot));
        Some(slot)
    }

    fn local(&self, name: &str) -> Option<usize> {
        self.scopes.iter().rev().flatten().find(|(n, _)| n == name).map(|(_, slot)| *slot)
    }

    fn expression(&self, source: &str) -> Option<Expr> {
        let tokens = expression_tokens(source)?;
        // Parsing recurses once per `not` and parenthesis at most: a bounded expression
        // bounds the stack, whatever a template (a style's, when one is only parsed)
        // nests. The bundled templates' longest has seven tokens.
        if tokens.len() > MAX_EXPRESSION_TOKENS {
            return None;
        }
        let mut at = 0;
        let expr = self.or(&tokens, &mut at)?;
        (at == tokens.len()).then_some(expr)
    }

    fn or(&self, tokens: &[Tok<'_>], at: &mut usize) -> Option<Expr> {
        let mut left = self.and(tokens, at)?;
        while tokens.get(*at) == Some(&Tok::Word("or")) {
            *at += 1;
            left = Expr::Or(Box::new(left), Box::new(self.and(tokens, at)?));
        }
        Some(left)
    }

    fn and(&self, tokens: &[Tok<'_>], at: &mut usize) -> Option<Expr> {
        let mut left = self.not(tokens, at)?;
        while tokens.get(*at) == Some(&Tok::Word("and")) {
            *at += 1;
            left = Expr::And(Box::new(left), Box::new(self.not(tokens, at)?));
        }
        Some(left)
    }

    fn not(&self, tokens: &[Tok<'_>], at: &mut usize) -> Option<Expr> {
        if tokens.get(*at) == Some(&Tok::Word("not")) {
            *at += 1;
            return Some(Expr::Not(Box::new(self.not(tokens, at)?)));
        }
        self.comparison(tokens, at)
    }

    fn comparison(&self, tokens: &[Tok<'_>], at: &mut usize) -> Option<Expr> {
        let left = self.modulo(tokens, at)?;
        let op = match tokens.get(*at) {
            Some(Tok::Op("==")) => Comparison::Equal,
            Some(Tok::Op("!=")) => Comparison::NotEqual,
            Some(Tok::Op(">")) => Comparison::Greater,
            Some(Tok::Op(">=")) => Comparison::GreaterOrEqual,
            Some(Tok::Op("<")) => Comparison::Less,
            Some(Tok::Op("<=")) => Comparison::LessOrEqual,
            _ => return Some(left),
        };
        *at += 1;
        let right = self.modulo(tokens, at)?;
        // Tera chains comparisons its own way; the subset has one per expression.
        if matches!(tokens.get(*at), Some(Tok::Op("==" | "!=" | ">" | ">=" | "<" | "<="))) {
            return None;
        }
        Some(Expr::Compare(Box::new(left), op, Box::new(right)))
    }

    fn modulo(&self, tokens: &[Tok<'_>], at: &mut usize) -> Option<Expr> {
        let mut left = self.filtered(tokens, at)?;
        while tokens.get(*at) == Some(&Tok::Op("%")) {
            *at += 1;
            left = Expr::Mod(Box::new(left), Box::new(self.filtered(tokens, at)?));
        }
        Some(left)
    }

    fn filtered(&self, tokens: &[Tok<'_>], at: &mut usize) -> Option<Expr> {
        let mut value = self.primary(tokens, at)?;
        while tokens.get(*at) == Some(&Tok::Op("|")) {
            *at += 1;
            let Some(Tok::Word(name)) = tokens.get(*at) else { return None };
            *at += 1;
            let filter = match *name {
                "list" => Filter::List,
                "first" => Filter::First,
                "last" => Filter::Last,
                "length" => Filter::Length,
                "default" => {
                    let [Tok::Op("("), Tok::Word("value"), Tok::Op("="), ..] = tokens.get(*at..)?
                    else {
                        return None;
                    };
                    *at += 3;
                    let fallback = self.primary(tokens, at)?;
                    if !matches!(fallback, Expr::Str(_) | Expr::Int(_) | Expr::Bool(_)) {
                        return None;
                    }
                    if tokens.get(*at) != Some(&Tok::Op(")")) {
                        return None;
                    }
                    *at += 1;
                    Filter::Default(Box::new(fallback))
                }
                _ => return None,
            };
            // Only `default` takes arguments in the subset.
            if tokens.get(*at) == Some(&Tok::Op("(")) {
                return None;
            }
            value = Expr::Filter(Box::new(value), filter);
        }
        Some(value)
    }

    fn primary(&self, tokens: &[Tok<'_>], at: &mut usize) -> Option<Expr> {
        let token = tokens.get(*at)?;
        *at += 1;
        match token {
            Tok::Int(n) => Some(Expr::Int(*n)),
            Tok::Str(text) => Some(Expr::Str((*text).into())),
            Tok::Word("true") => Some(Expr::Bool(true)),
            Tok::Word("false") => Some(Expr::Bool(false)),
            Tok::Word(word) if is_keyword(word) => None,
            Tok::Word(path) => self.path(path),
            Tok::Op("(") => {
                let inner = self.or(tokens, at)?;
                (tokens.get(*at) == Some(&Tok::Op(")"))).then(|| {
                    *at += 1;
                    inner
                })
            }
            Tok::Op(_) => None,
        }
    }

    fn path(&self, path: &str) -> Option<Expr> {
        let mut parts = path.split('.');
        let first = parts.next()?;
        let second = parts.next();
        if parts.next().is_some() {
            return None;
        }
        if let Some(slot) = self.local(first) {
            return second.is_none().then_some(Expr::Local(slot));
        }
        let root = root(first)?;
        let Some(field) = second else { return Some(Expr::Fact(root)) };
        let fields: &[(&str, FieldName)] = match root {
            Root::Candidate => &CANDIDATE_FIELDS,
            Root::Recipient | Root::About | Root::Recruiter => &PERSON_FIELDS,
            _ => return None,
        };
        let (_, field) = fields.iter().find(|(name, _)| *name == field)?;
        Some(Expr::Field(root, *field))
    }
}

fn root(name: &str) -> Option<Root> {
    ROOTS.iter().find(|(n, _)| *n == name).map(|(_, root)| *root)
}

fn split_keyword(tag: &str) -> (&str, &str) {
    match tag.split_once(char::is_whitespace) {
        Some((keyword, rest)) => (keyword, rest.trim()),
        None => (tag, ""),
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Words with a meaning of their own in Tera's expressions.
fn is_keyword(word: &str) -> bool {
    matches!(word, "and" | "or" | "not" | "in" | "is" | "none" | "None" | "True" | "False")
}

/// The text of a plain string literal (`"name"`), and nothing after it.
fn string_literal(source: &str) -> Option<String> {
    match expression_tokens(source)?.as_slice() {
        [Tok::Str(text)] => Some((*text).to_string()),
        _ => None,
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Tok<'s> {
    /// A name, a dotted path or a keyword.
    Word(&'s str),
    Int(i64),
    Str(&'s str),
    Op(&'static str),
}

/// The tokens of an expression; `None` for anything the subset does not read (escapes
/// in strings, floats, operators other than those listed).
fn expression_tokens(source: &str) -> Option<Vec<Tok<'_>>> {
    const OPS: [&str; 12] = ["==", "!=", ">=", "<=", ">", "<", "%", "|", "(", ")", "=", ","];
    let mut tokens = Vec::new();
    let mut rest = source.trim_start();
    while !rest.is_empty() {
        let first = rest.chars().next()?;
        let length = if first.is_ascii_alphabetic() || first == '_' {
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
                .unwrap_or(rest.len());
            let word = &rest[..end];
            if word.ends_with('.') || word.contains("..") {
                return None;
            }
            tokens.push(Tok::Word(word));
            end
        } else if first.is_ascii_digit() {
            let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
            if rest[end..].starts_with(['.', '_']) || rest[end..].starts_with(char::is_alphabetic) {
                return None;
            }
            tokens.push(Tok::Int(rest[..end].parse().ok()?));
            end
        } else if matches!(first, '"' | '\'' | '`') {
            let close = rest[1..].find(first)? + 1;
            let text = &rest[1..close];
            if text.contains('\\') {
                return None;
            }
            tokens.push(Tok::Str(text));
            close + 1
        } else {
            let op = OPS.iter().find(|op| rest.starts_with(**op))?;
            // `=` and `,` only appear inside `default(value=...)`.
            tokens.push(Tok::Op(op));
            op.len()
        };
        rest = rest[length..].trim_start();
    }
    Some(tokens)
}

// ---------------------------------------------------------------------------------
// Rendering.

struct Render<'r> {
    set: &'r DirectSet,
    facts: &'r Facts,
    /// Whether the empty facts are there (Tera's second render), or left out.
    keep_empty: bool,
    out: String,
    output_limit: usize,
}

impl<'r> Render<'r> {
    fn template(&mut self, index: usize, depth: usize) -> Result<(), Stop> {
        // Tera refuses deep include chains its own way; a loop of includes is Tera's to report.
        if depth > 8 {
            return Err(Stop::Unsupported);
        }
        let template = &self.set.templates[index];
        let mut locals = vec![Val::Undefined; template.locals];
        self.nodes(&template.nodes, index, &mut locals, depth)
    }

    fn nodes(
        &mut self,
        nodes: &'r [Node],
        template: usize,
        locals: &mut Vec<Val<'r>>,
        depth: usize,
    ) -> Result<(), Stop> {
        for node in nodes {
            match node {
                Node::Text(text) => self.write(text)?,
                Node::Print { expr, quote, line } => {
                    let value = match expr {
                        // A bare name or field that is not there is an empty placeholder.
                        Expr::Fact(_) | Expr::Field(..) | Expr::Local(_) => {
                            match self.eval(expr, locals)? {
                                Val::Undefined => {
                                    return Err(Stop::Gap {
                                        template,
                                        line: *line,
                                        quote: quote.clone(),
                                    });
                                }
                                value => value,
                            }
                        }
                        // Tera prints the deciding side of `and`/`or`, not a boolean.
                        Expr::And(..) | Expr::Or(..) => return Err(Stop::Unsupported),
                        _ => self.eval(expr, locals)?,
                    };
                    match value {
                        Val::None => {}
                        Val::Bool(b) => self.write(if b { "true" } else { "false" })?,
                        Val::Int(n) => self.write(&n.to_string())?,
                        Val::Str(text) => self.write(&text)?,
                        Val::Undefined | Val::List(_) | Val::Map => return Err(Stop::Unsupported),
                    }
                }
                Node::If { branches, otherwise } => {
                    let mut taken = None;
                    for (condition, body) in branches {
                        if truthy(&self.eval(condition, locals)?)? {
                            taken = Some(body);
                            break;
                        }
                    }
                    self.nodes(taken.unwrap_or(otherwise), template, locals, depth)?;
                }
                Node::For { local, list, body } => {
                    let Val::List(items) = self.eval(list, locals)? else {
                        return Err(Stop::Unsupported);
                    };
                    for item in items {
                        locals[*local] = Val::Str(Cow::Borrowed(item));
                        self.nodes(body, template, locals, depth)?;
                    }
                    locals[*local] = Val::Undefined;
                }
                Node::Set { local, value } => locals[*local] = self.eval(value, locals)?,
                Node::Include(index) => self.template(*index, depth + 1)?,
                Node::IncludeNamed(_) => return Err(Stop::Unsupported),
            }
        }
        Ok(())
    }

    fn write(&mut self, text: &str) -> Result<(), Stop> {
        if self.out.len() + text.len() > self.output_limit {
            return Err(Stop::Unsupported);
        }
        self.out.push_str(text);
        Ok(())
    }

    fn eval(&self, expr: &Expr, locals: &[Val<'r>]) -> Result<Val<'r>, Stop> {
        Ok(match expr {
            Expr::Fact(root) => self.fact(*root),
            Expr::Field(root, field) => self.field(*root, *field)?,
            Expr::Local(slot) => locals.get(*slot).cloned().ok_or(Stop::Unsupported)?,
            Expr::Int(n) => Val::Int(*n),
            Expr::Bool(b) => Val::Bool(*b),
            Expr::Str(text) => Val::Str(Cow::Owned(text.to_string())),
            Expr::Filter(value, filter) => {
                let value = self.eval(value, locals)?;
                match (filter, value) {
                    (Filter::Default(fallback), Val::Undefined) => self.eval(fallback, locals)?,
                    (Filter::Default(_), value) => value,
                    (_, Val::List(items)) => match filter {
                        Filter::List => Val::Str(Cow::Owned(followup_core::phrasing::list(items))),
                        Filter::First => {
                            items.first().map_or(Val::None, |s| Val::Str(Cow::Borrowed(s)))
                        }
                        Filter::Last => {
                            items.last().map_or(Val::None, |s| Val::Str(Cow::Borrowed(s)))
                        }
                        Filter::Length => {
                            Val::Int(i64::try_from(items.len()).map_err(|_| Stop::Unsupported)?)
                        }
                        Filter::Default(_) => return Err(Stop::Unsupported),
                    },
                    _ => return Err(Stop::Unsupported),
                }
            }
            Expr::Mod(left, right) => match (self.eval(left, locals)?, self.eval(right, locals)?) {
                (Val::Int(a), Val::Int(b)) if b != 0 => {
                    Val::Int(a.checked_rem(b).ok_or(Stop::Unsupported)?)
                }
                _ => return Err(Stop::Unsupported),
            },
            Expr::Compare(left, op, right) => {
                let (left, right) = (self.eval(left, locals)?, self.eval(right, locals)?);
                Val::Bool(compare(&left, *op, &right)?)
            }
            Expr::And(left, right) => {
                // Tera's `and` stops at a false left side and yields a boolean.
                let left = truthy(&self.eval(left, locals)?)?;
                Val::Bool(left && truthy(&self.eval(right, locals)?)?)
            }
            Expr::Or(left, right) => {
                let left = truthy(&self.eval(left, locals)?)?;
                Val::Bool(left || truthy(&self.eval(right, locals)?)?)
            }
            Expr::Not(inner) => Val::Bool(!truthy(&self.eval(inner, locals)?)?),
        })
    }

    /// A top-level fact as `facts::context_of` puts it in the context (or leaves it out).
    fn fact(&self, root: Root) -> Val<'r> {
        let facts = self.facts;
        match root {
            Root::Purpose => Val::Str(Cow::Borrowed(facts.purpose.as_str())),
            Root::Sequence => match facts.sequence {
                Some(n) => Val::Int(i64::from(n)),
                None => self.absent(),
            },
            Root::Candidate | Root::Recipient | Root::About => Val::Map,
            Root::Recruiter => match facts.recruiter {
                Some(_) => Val::Map,
                None => self.absent(),
            },
            Root::ViaRecruiter => Val::Bool(facts.via_recruiter),
            Root::ToRecruiter => Val::Bool(facts.to_recruiter),
            Root::Decides => Val::Bool(facts.decides),
            Root::Variant => i64::try_from(facts.variant).map_or(Val::Map, Val::Int),
            Root::Cc => Val::List(&facts.cc),
            Root::Topics => Val::List(&facts.topics),
            Root::Strengths => Val::List(&facts.strengths),
            Root::OtherInterviewers => Val::List(&facts.other_interviewers),
            Root::Discussed => Val::List(&facts.discussed),
            Root::OpenPoints => Val::List(&facts.open_points),
            Root::RecipientAddress => Val::List(&facts.recipient_address),
            Root::Company => self.text(&facts.company),
            Root::Role => self.text(&facts.role),
            Root::RoleKind => self.text(&facts.role_kind),
            Root::InterviewDay => self.text(&facts.interview_day),
            Root::InterviewDate => self.text(&facts.interview_date),
            Root::InterviewWhen => self.text(&facts.interview_when),
            Root::MeetingFormat => self.text(&facts.meeting_format),
            Root::SignOff => self.text(&facts.sign_off),
            Root::SendDate => self.text(&facts.send_date),
            Root::Spelling => self.text(&facts.spelling),
            Root::StrengthSentences => self.text(&facts.strength_sentences),
            Root::StrengthReference => self.text(&facts.strength_reference),
            Root::MotivationSentence => self.text(&facts.motivation_sentence),
            Root::DiscussedSentences => self.text(&facts.discussed_sentences),
            Root::Topic => self.optional_text(facts.topic.as_deref()),
            Root::Clarify => self.optional_text(facts.clarify.as_deref()),
            Root::Motivation => self.optional_text(facts.motivation.as_deref()),
            Root::Decision => self.optional_text(facts.decision.as_deref()),
            Root::NextSteps => self.optional_text(facts.next_steps.as_deref()),
            Root::Firm => self.optional_text(facts.firm.as_deref()),
            Root::Tone => self.optional_text(facts.tone.as_deref()),
        }
    }

    /// A field of a person or of the candidate, as `facts::context_of` maps them.
    fn field(&self, root: Root, field: FieldName) -> Result<Val<'r>, Stop> {
        let facts = self.facts;
        let person: &PersonFacts = match root {
            Root::Candidate => return Ok(self.candidate_field(&facts.candidate, field)),
            Root::Recipient => &facts.recipient,
            Root::About => &facts.about,
            Root::Recruiter => facts.recruiter.as_ref().ok_or(Stop::Unsupported)?,
            _ => return Err(Stop::Unsupported),
        };
        Ok(match field {
            FieldName::Name => self.text(&person.name),
            FieldName::FirstName => self.text(&person.first_name),
            FieldName::FormalName => self.text(&person.formal_name),
            FieldName::Title => self.optional_field(person.title.as_deref()),
            FieldName::Honorific => self.optional_field(person.honorific.as_deref()),
            _ => return Err(Stop::Unsupported),
        })
    }

    fn candidate_field(&self, candidate: &'r CandidateFacts, field: FieldName) -> Val<'r> {
        match field {
            FieldName::Name => self.text(&candidate.name),
            FieldName::FirstName => self.text(&candidate.first_name),
            FieldName::Signature => self.text(&candidate.signature),
            FieldName::Email => self.optional_field(candidate.email.as_deref()),
            FieldName::Phone => self.optional_field(candidate.phone.as_deref()),
            FieldName::Address => Val::List(&candidate.address),
            FieldName::Title | FieldName::Honorific | FieldName::FormalName => Val::Undefined,
        }
    }

    /// What an empty fact is in this render: left out, or `none`.
    fn absent(&self) -> Val<'r> {
        if self.keep_empty { Val::None } else { Val::Undefined }
    }

    /// A text: left out when blank, unless the empty facts are kept.
    fn text(&self, text: &'r str) -> Val<'r> {
        if self.keep_empty || !text.trim().is_empty() {
            Val::Str(Cow::Borrowed(text))
        } else {
            Val::Undefined
        }
    }

    /// An optional top-level text: a blank one is as good as none.
    fn optional_text(&self, text: Option<&'r str>) -> Val<'r> {
        match text {
            Some(text) if !text.trim().is_empty() => Val::Str(Cow::Borrowed(text)),
            Some(text) if self.keep_empty => Val::Str(Cow::Borrowed(text)),
            Some(_) => Val::Undefined,
            None => self.absent(),
        }
    }

    /// An optional field of a person: a blank one is left out of both renders' maps
    /// unless the empty facts are kept, and a missing one is `none` only then.
    fn optional_field(&self, text: Option<&'r str>) -> Val<'r> {
        match text {
            Some(text) if self.keep_empty || !text.trim().is_empty() => {
                Val::Str(Cow::Borrowed(text))
            }
            Some(_) => Val::Undefined,
            None => self.absent(),
        }
    }
}

/// Tera's truthiness, for the values the subset meets.
fn truthy(value: &Val<'_>) -> Result<bool, Stop> {
    Ok(match value {
        Val::Undefined | Val::None => false,
        Val::Bool(b) => *b,
        Val::Int(n) => *n != 0,
        Val::Str(text) => !text.is_empty(),
        Val::List(items) => !items.is_empty(),
        Val::Map => return Err(Stop::Unsupported),
    })
}

/// Tera's comparisons, for numbers with numbers and texts with texts (and equality of
/// booleans); anything else is Tera's to decide.
fn compare(left: &Val<'_>, op: Comparison, right: &Val<'_>) -> Result<bool, Stop> {
    use std::cmp::Ordering;
    let ordering: Ordering = match (left, right) {
        (Val::Int(a), Val::Int(b)) => a.cmp(b),
        (Val::Str(a), Val::Str(b)) if matches!(op, Comparison::Equal | Comparison::NotEqual) => {
            a.cmp(b)
        }
        (Val::Bool(a), Val::Bool(b)) if matches!(op, Comparison::Equal | Comparison::NotEqual) => {
            a.cmp(b)
        }
        _ => return Err(Stop::Unsupported),
    };
    Ok(match op {
        Comparison::Equal => ordering == Ordering::Equal,
        Comparison::NotEqual => ordering != Ordering::Equal,
        Comparison::Greater => ordering == Ordering::Greater,
        Comparison::GreaterOrEqual => ordering != Ordering::Less,
        Comparison::Less => ordering == Ordering::Less,
        Comparison::LessOrEqual => ordering != Ordering::Greater,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parses(source: &str) -> bool {
        DirectSet::parse([("t", source)]).is_some()
    }

    #[test]
    fn the_constructs_of_the_bundled_templates_parse() {
        let source = "{% set later = topics | last | default(value=\"\") %}Hi {{ about.first_name }},\n\
            {% if to_recruiter and sequence and sequence > 1 %}a{% elif variant % 3 == 2 %}b\
            {% elif not decides or spelling == \"en-GB\" %}c{% else %}d{% endif %}\n\
            {%- for line in candidate.address %}{{ line }}\n{% endfor -%}\n\
            {% if open_points | length > 1 %}{{ open_points | list }}{% endif %}{{ discussed | first }}{{ later }}";
        assert!(parses(source));
    }

    #[test]
    fn anything_outside_the_subset_is_left_to_tera() {
        for source in [
            "{# a comment #}",
            "{% raw %}{{ x }}{% endraw %}",
            "{{ company | upper }}",
            "{{ company ~ role }}",
            "{{ variant + 1 }}",
            "{{ 1.5 }}",
            "{{ \"a\\\"b\" }}",
            "{{ unknown }}",
            "{{ about.nickname }}",
            "{{ about.first_name.more }}",
            "{{ company.name }}",
            "{% set company = \"x\" %}",
            "{% for company in topics %}{% endfor %}",
            "{% for t in topics %}{{ loop.index }}{% endfor %}",
            "{% for t in topics %}{% set x = t %}{% endfor %}",
            "{% if topic %}{% set x = 1 %}{% endif %}",
            "{% include \"missing\" %}",
            "{% macro m() %}{% endmacro %}",
            "{% if topic %}unclosed",
            "{% endif %}",
            "{% if a == b == c %}{% endif %}",
            "{{ topic is defined }}",
            "{{ company",
        ] {
            assert!(!parses(source), "{source}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_without_exhausting_the_stack() {
        let deep = format!("{}{}", "{% if topic %}".repeat(100_000), "{% endif %}".repeat(100_000));
        assert!(!parses(&deep));
        let nots = format!("{{% if {} topic %}}{{% endif %}}", "not ".repeat(100_000));
        assert!(!parses(&nots));
        let parens = format!("{{{{ {}topic{} }}}}", "(".repeat(100_000), ")".repeat(100_000));
        assert!(!parses(&parens));
        let within = format!("{}x{}", "{% if topic %}".repeat(20), "{% endif %}".repeat(20));
        assert!(parses(&within));
    }

    #[test]
    fn text_of_any_shape_never_panics() {
        let pieces = [
            "{{", "}}", "{%", "%}", "{#", "#}", "-", "\"", "'", "`", "if", "else", "endif", " ",
            "topic", ".", "|", "é", "\n", "{", "}", "%", "(", ")", "for", "in", "set", "=",
        ];
        let mut seed: u64 = 7;
        for _ in 0..20_000 {
            let mut source = String::new();
            for _ in 0..12 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                source.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            let _ = DirectSet::parse([("t", source.as_str())]);
        }
    }

    #[test]
    fn lines_are_counted_from_the_start_of_the_template() {
        let set = DirectSet::parse([("t", "a\n\nb {{ topic }}\n{{ company }}")]).expect("parses");
        let lines: Vec<usize> = set.templates[0]
            .nodes
            .iter()
            .filter_map(|node| match node {
                Node::Print { line, .. } => Some(*line),
                _ => None,
            })
            .collect();
        assert_eq!(lines, [3, 4]);
    }
}
