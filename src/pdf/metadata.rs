//! The metadata a PDF carries for the archive and for screen readers,
//! set on what Chromium printed: title, author (the municipality),
//! subject (the case), keywords, language and dates, in the document
//! information dictionary and, the same, in an XMP metadata stream; and
//! the viewer told to show the title rather than the file name. The
//! rest of the file (pages, tags, bookmarks) is kept as printed. The
//! words come from `locales/<lang>/pdf.ftl`; nothing depends on the clock.

use fluent_bundle::FluentValue;
use lopdf::{dictionary, text_string, Dictionary, Document, Object, Stream};
use time::OffsetDateTime;

use crate::error::Problem;
use crate::locale::Locales;
use crate::model::{Guideline, LanguageDoc};

/// The program named as the PDF's creator (what made the document it was
/// printed from).
const CREATOR: &str = "rettleiar";

/// What a language's PDF says of itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub title: String,
    /// The municipality.
    pub author: String,
    /// The case and the adoption.
    pub subject: String,
    pub keywords: Vec<String>,
    /// The language code (`nn`).
    pub lang: String,
    /// When it was made (see `dates`).
    pub made: OffsetDateTime,
}

impl Facts {
    /// The facts of `doc`'s PDF, in its language.
    pub fn of(
        g: &Guideline,
        doc: &LanguageDoc,
        locales: &Locales,
        made: OffsetDateTime,
    ) -> Result<Facts, Problem> {
        let lang = doc.lang.as_str();
        let front = &doc.front;
        let subject = match front.translation {
            Some(_) => "pdf-subject-translation",
            None => "pdf-subject",
        };
        let date = locales.date(lang, g.meta.adopted)?;
        let subject = locales.message(
            lang,
            subject,
            &[
                ("case", FluentValue::from(g.meta.case.as_str())),
                ("body", FluentValue::from(front.body.as_str())),
                ("date", FluentValue::from(date)),
            ],
        )?;
        let keywords = locales.message(
            lang,
            "pdf-keywords",
            &[
                ("case", FluentValue::from(g.meta.case.as_str())),
                (
                    "municipality",
                    FluentValue::from(g.meta.municipality.as_str()),
                ),
            ],
        )?;
        Ok(Facts {
            title: front.title.clone(),
            author: g.meta.municipality.clone(),
            subject,
            keywords: keywords
                .split(',')
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(String::from)
                .collect(),
            lang: lang.to_string(),
            made,
        })
    }
}

/// The PDF `pdf` with `facts` set; the same input gives the same bytes.
pub fn apply(pdf: &[u8], facts: &Facts) -> Result<Vec<u8>, lopdf::Error> {
    let mut doc = Document::load_mem(pdf)?;
    let producer = info(&doc).and_then(|i| i.get(b"Producer").ok().cloned());
    let mut info = dictionary! {
        "Title" => text_string(&facts.title),
        "Author" => text_string(&facts.author),
        "Subject" => text_string(&facts.subject),
        "Keywords" => text_string(&facts.keywords.join(", ")),
        "Creator" => text_string(CREATOR),
        "CreationDate" => Object::string_literal(pdf_date(facts.made)),
        "ModDate" => Object::string_literal(pdf_date(facts.made)),
    };
    let producer_text = match &producer {
        Some(p) => lopdf::decode_text_string(p).unwrap_or_default(),
        None => String::new(),
    };
    if let Some(producer) = producer {
        info.set("Producer", producer);
    }
    // Put in the place of the old one, so nothing unused is left behind.
    match doc.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => {
            doc.objects.insert(id, Object::Dictionary(info));
        }
        Err(_) => {
            let id = doc.add_object(info);
            doc.trailer.set("Info", id);
        }
    }
    let mut xmp = Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp(facts, &producer_text).into_bytes(),
    );
    xmp.allows_compression = false;
    let xmp_id = doc.add_object(xmp);
    let catalog = doc.catalog_mut()?;
    catalog.set("Metadata", xmp_id);
    catalog.set("Lang", text_string(&facts.lang));
    catalog.set(
        "ViewerPreferences",
        dictionary! { "DisplayDocTitle" => true },
    );
    let mut out = Vec::with_capacity(pdf.len() + 4096);
    doc.save_to(&mut out)?;
    Ok(out)
}

/// The document information dictionary, when there is one.
fn info(doc: &Document) -> Option<&Dictionary> {
    let id = doc.trailer.get(b"Info").ok()?.as_reference().ok()?;
    doc.get_dictionary(id).ok()
}

/// A date as PDF writes it: `D:20131001120000+00'00'`.
fn pdf_date(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}+00'00'",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// The same time as XMP writes it: `2013-10-01T12:00:00+00:00`.
fn xmp_date(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+00:00",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// The XMP packet: Dublin Core, the PDF and the XMP basic schema.
fn xmp(facts: &Facts, producer: &str) -> String {
    let date = xmp_date(facts.made);
    let lang = crate::xml::escape(&facts.lang);
    let keywords: String = facts
        .keywords
        .iter()
        .map(|k| format!("<rdf:li>{}</rdf:li>", crate::xml::escape(k)))
        .collect();
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li><rdf:li xml:lang="{lang}">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li><rdf:li xml:lang="{lang}">{subject}</rdf:li></rdf:Alt></dc:description>
<dc:subject><rdf:Bag>{keywords}</rdf:Bag></dc:subject>
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
<pdf:Keywords>{keyword_line}</pdf:Keywords>
<pdf:Producer>{producer}</pdf:Producer>
<xmp:CreatorTool>{creator}</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"#,
        bom = '\u{feff}',
        title = crate::xml::escape(&facts.title),
        author = crate::xml::escape(&facts.author),
        subject = crate::xml::escape(&facts.subject),
        keyword_line = crate::xml::escape(&facts.keywords.join(", ")),
        producer = crate::xml::escape(producer),
        creator = CREATOR,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        Facts {
            title: "Rettleiar for «sosiale» medier & <meir>".into(),
            author: "Bømlo kommune".into(),
            subject: "Vedteken i kommunestyret i sak PS 64/2013".into(),
            keywords: vec!["sosiale medium".into(), "PS 64/2013".into()],
            lang: "nn".into(),
            made: OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap(),
        }
    }

    /// A one-page PDF as a printer might make it, with an Info dictionary.
    fn printed() -> Vec<u8> {
        let mut doc = Document::with_version("1.4");
        let pages_id = doc.new_object_id();
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
            ),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        let info = doc.add_object(dictionary! {
            "Producer" => Object::string_literal("Skia/PDF"),
            "CreationDate" => Object::string_literal("D:20261125162554+00'00'"),
        });
        doc.trailer.set("Root", catalog);
        doc.trailer.set("Info", info);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn the_facts_go_into_info_and_xmp_and_the_bytes_do_not_vary() {
        let once = apply(&printed(), &facts()).unwrap();
        assert_eq!(once, apply(&printed(), &facts()).unwrap());
        let doc = Document::load_mem(&once).unwrap();
        let info = info(&doc).unwrap();
        let text = |k: &[u8]| lopdf::decode_text_string(info.get(k).unwrap()).unwrap();
        assert_eq!(text(b"Title"), facts().title);
        assert_eq!(text(b"Author"), "Bømlo kommune");
        assert_eq!(text(b"Keywords"), "sosiale medium, PS 64/2013");
        assert_eq!(text(b"Producer"), "Skia/PDF");
        assert_eq!(text(b"CreationDate"), "D:20231114221320+00'00'");
        assert_eq!(text(b"ModDate"), "D:20231114221320+00'00'");
        let catalog = doc.catalog().unwrap();
        assert_eq!(
            lopdf::decode_text_string(catalog.get(b"Lang").unwrap()).unwrap(),
            "nn"
        );
        let xmp_id = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
        let xmp = doc.get_object(xmp_id).unwrap().as_stream().unwrap();
        let xmp = String::from_utf8(xmp.content.clone()).unwrap();
        assert!(xmp.contains("&lt;meir&gt;"), "{xmp}");
        assert!(xmp.contains("<xmp:CreateDate>2023-11-14T22:13:20+00:00</xmp:CreateDate>"));
        assert!(xmp.contains("<rdf:li>Bømlo kommune</rdf:li>"));
        assert!(xmp.contains("<dc:language><rdf:Bag><rdf:li>nn</rdf:li>"));
    }
}
