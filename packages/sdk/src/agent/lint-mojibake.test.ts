import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findMojibake, repairMojibake } from "./lint-mojibake.js";
import { decodeCp1252 } from "./text-cp1252.js";

/** The damage itself: UTF-8 bytes read as cp1252. */
const damage = (text: string): string => decodeCp1252(new TextEncoder().encode(text));
/** The same damage by a Latin-1 reader: 0x80–0x9F become C1 controls. */
const damageLatin1 = (text: string): string => String.fromCharCode(...new TextEncoder().encode(text));

describe("repairMojibake: damage it repairs", () => {
  it.each<[string, string, string]>([
    ["the seed's broom", "**ðŸ§¹ REPOSITORY CLEANLINESS MANDATE:**", "**🧹 REPOSITORY CLEANLINESS MANDATE:**"],
    ["the seed's clipboard", "## ðŸ“‹ AUTOBOT POLICIES", "## 📋 AUTOBOT POLICIES"],
    ["é in a French word", "cafÃ©", "café"],
    ["the typographic apostrophe", "donâ€™t", "don’t"],
    ["curly double quotes, the closing one through the undefined byte 0x9D", "â€œquotedâ€\u009D", "“quoted”"],
    ["German", "Ã¼ber GrÃ¶ÃŸe", "über Größe"],
    ["Portuguese", "SÃ£o Paulo, coraÃ§Ã£o", "São Paulo, coração"],
    ["Spanish capitals", "ESPAÃ‘A", "ESPAÑA"],
    ["Russian, including a one-letter word", "Ð¿Ñ€Ð¸Ð²ÐµÑ‚ Ð² Ð¼Ð¸Ñ€", "привет в мир"],
    ["a lone Greek letter", "10 Î¼s", "10 μs"],
    ["the euro sign", "â‚¬5", "€5"],
    ["a copyright sign (Â©; see the decisions below)", "Â© 2025", "© 2025"],
    ["í, whose second byte is a soft hyphen", "Ã\u00ADndice", "índice"],
    ["👍, whose last byte is the undefined 0x8D", "ðŸ‘\u008D", "👍"],
    ["Latin-1 damage, with C1 controls instead of cp1252 punctuation", "don\u00E2\u0080\u0099t", "don’t"],
    ["CJK", damage("你好，世界"), "你好，世界"],
  ])("%s", (_, damaged, repaired) => {
    expect(repairMojibake(damaged).text).toBe(repaired);
  });

  it("reports each run with its line, column, damaged and repaired text", () => {
    expect(repairMojibake("# Title\n\nA **ðŸ§¹** and Ã©tÃ©\n").repairs).toEqual([
      { line: 3, column: 5, from: "ðŸ§¹", to: "🧹" },
      { line: 3, column: 16, from: "Ã©", to: "é" },
      { line: 3, column: 19, from: "Ã©", to: "é" },
    ]);
  });

  it("gives the run's UTF-16 span to callers that rewrite it", () => {
    expect(findMojibake("x ðŸ§¹")).toEqual([{ line: 1, column: 3, from: "ðŸ§¹", to: "🧹", index: 2, end: 6 }]);
  });

  it("repairs one layer of damage at a time", () => {
    const twice = damage(damage("café"));
    expect(twice).toBe("cafÃƒÂ©");
    expect(repairMojibake(twice).text).toBe("cafÃ©");
    expect(repairMojibake(repairMojibake(twice).text).text).toBe("café");
  });
});

describe("repairMojibake: real text it leaves alone", () => {
  it.each<[string, string]>([
    ["French, German, Portuguese, Spanish, Polish, Czech", "déjà vu, naïve, Übermäßig, São Paulo, Ñandú, coração, łódź, Šťastný, Œuvre, cœur"],
    ["accented letters next to typographic punctuation", "« Où ça ? » — „Straße“, ‘olé’, café… ¿Qué? ¡Sí! l·l"],
    ["an accented capital before an apostrophe: É’ would decode to IPA ɒ, implausible alone", "the CAFÉ’s menu"],
    ["ß before a German closing quote: ß“ would decode to N'Ko", "„Straße“ und „Fuß“"],
    ["a word-final capital Ã before a closing quote reads as Portuguese, not as Ô", "“IRMÃ” disse a mãe"],
    ["a word-final capital Å before a guillemet reads as Norwegian, not as ż", "«PÅ» betyr on"],
    ["a word-final capital before an apostrophe and a letter reads as a possessive, not as Ò", "the IRMÃ’s house"],
    ["Ã and Â before a letter are ordinary Portuguese and Romanian", "SÃO PAULO, ÎNCEPUT, ÂNCORA"],
    ["non-Latin scripts are never cp1252 characters", "Привет, Καλημέρα, שלום, مرحبا, नमस्ते, 你好, 🧹"],
    ["é before an en dash and a trade mark sign: é–™ would decode to the CJK 閙", "Le café–™ de Marie"],
    ["ê before an ellipsis and a closing quote: ê…” would decode to the Yi ꅔ", "« Peut-être…” dit-il"],
    ["ë before a dash and a bullet: ë—• would decode to the Hangul 뗕", "Noël—• la fête"],
    ["ASCII", "plain text: {json}, <tags>, `code`"],
  ])("%s", (_, text) => {
    expect(repairMojibake(text)).toEqual({ text, repairs: [] });
  });

  it("repairs an ambiguous run too once the file shows certain damage, since one wrong decode touches every character", () => {
    expect(repairMojibake("“IRMÃ” ðŸ§¹").text).toBe("“IRMÔ 🧹");
  });
});

const char = (min: number, max: number): fc.Arbitrary<string> => fc.integer({ min, max }).map((codePoint) => String.fromCodePoint(codePoint));
/** Any Unicode scalar value: every plane, no lone surrogates (they have no UTF-8 form). */
const anyChar = fc.oneof(char(0, 0xd7ff), char(0xe000, 0x10ffff));
/** A character real text holds: assigned, not private use, not a control. */
const realChar = anyChar.filter((c) => !/[\p{Cc}\p{Cn}\p{Co}]/u.test(c));
const realText = fc.array(realChar).map((chars) => chars.join(""));
/** Characters of three or four UTF-8 bytes: every BMP character from U+0800 up, and every astral one. */
const wideChar = fc.oneof(char(0x800, 0xd7ff), char(0xe000, 0xffff), char(0x10000, 0x10ffff), fc.constantFrom("🧹", "📋", "€", "’", "你"));

const words = (letter: fc.Arbitrary<string>, minLength = 1): fc.Arbitrary<string[]> =>
  fc.array(fc.array(letter, { minLength, maxLength: 8 }).map((chars) => chars.join("")), { minLength: 1, maxLength: 8 });
const separator = fc.constantFrom(" ", ", ", ". ", "\n", "\r\n", ": ", " (", ") ");
const joinWords = (parts: [string[], string]): string => parts[0].join(parts[1]);

describe("repairMojibake: properties", () => {
  it("undoes cp1252 damage of any text with two wide characters in a row, or one that is punctuation, a symbol or an emoji", () => {
    const pictograph = fc.oneof(char(0x1f300, 0x1f5ff), char(0x1f900, 0x1f9ff)).filter((c) => /\p{Extended_Pictographic}/u.test(c));
    const commonWide = fc.oneof(char(0x2010, 0x2027), char(0x2030, 0x205e), char(0x20a0, 0x20c0), fc.constant("™"), pictograph);
    const realWide = wideChar.filter((c) => !/[\p{Cn}\p{Co}]/u.test(c));
    const evidence = fc.oneof(fc.tuple(realWide, realWide).map(([a, b]) => a + b), commonWide);
    fc.assert(
      fc.property(realText, evidence, realText, (before, wide, after) => {
        const text = before + wide + after;
        expect(repairMojibake(damage(text)).text).toBe(text);
        expect(repairMojibake(damageLatin1(text)).text).toBe(text);
      }),
    );
  });

  it("undoes the damage of any lowercase Latin-1 and Latin Extended-A text", () => {
    const lowercase = fc.oneof(char(0x61, 0x7a), char(0xdf, 0xf6), char(0xf8, 0xff), char(0x101, 0x17f).filter((c) => /\p{Ll}/u.test(c)));
    const text = fc.tuple(words(lowercase), separator).map(joinWords).filter((sample) => /[^\x00-\x7f]/.test(sample));
    fc.assert(
      fc.property(text, (sample) => {
        expect(repairMojibake(damage(sample)).text).toBe(sample);
      }),
    );
  });

  it("undoes the damage of Cyrillic, Greek, Hebrew or Arabic text with a word of two letters or more", () => {
    const script = fc.constantFrom([0x430, 0x44f], [0x3b1, 0x3c9], [0x5d0, 0x5ea], [0x628, 0x64a]);
    const text = script.chain(([min = 0, max = 0]) =>
      fc.tuple(words(char(min, max), 2), fc.array(fc.array(char(min, max), { minLength: 1, maxLength: 8 }).map((c) => c.join(""))), separator),
    );
    fc.assert(
      fc.property(text, ([long, short, between]) => {
        const sample = [...long, ...short].join(between);
        expect(repairMojibake(damage(sample)).text).toBe(sample);
      }),
    );
  });

  it("finds nothing in clean text of many languages with typographic punctuation", () => {
    // Real words of many languages, as people write them: lowercase, Capitalised or ALL CAPS.
    const words = [
      "déjà", "naïve", "cœur", "où", "ça", "être", "Noël", "façade", "élève", "hôtel", "œuvre", "haïr", "L'Haÿ", "maïs",
      "über", "Größe", "Straße", "Fuß", "Mädchen", "schön",
      "año", "niño", "acción", "está", "qué", "sí", "pingüino",
      "coração", "São", "irmã", "você", "avó", "pôr",
      "łódź", "zażółć", "gęślą", "jaźń", "się",
      "příliš", "žluťoučký", "kůň", "úpěl", "ďábelské",
      "blåbær", "smørbrød", "på", "Ærø", "søster", "äpple",
      "þjóð", "Ísland", "fjörður", "sólarhringur",
      "ağaç", "ıslak", "çiçek", "şeker", "öğrenci",
      "ăsta", "încă", "până", "șapte", "țară",
      "Tiếng", "Việt", "nước",
    ];
    const word = fc.tuple(fc.constantFrom(...words), fc.constantFrom("as is", "title", "upper")).map(([w, style]) =>
      style === "upper" ? w.toUpperCase() : style === "title" ? w.charAt(0).toUpperCase() + w.slice(1) : w,
    );
    const punctuation = fc.constantFrom("…", "”", "“", "–", "—", "™", "’", "‘", "•", "»", ",", ".", ";", "!", "?", "®", "°", "·");
    const space = fc.constantFrom(" ", "\n", " — ", " « ");
    const text = fc
      .array(fc.tuple(word, fc.array(punctuation, { maxLength: 2 }).map((p) => p.join("")), space), { minLength: 1, maxLength: 12 })
      .map((parts) => parts.map(([w, p, s]) => w + p + s).join(""));
    fc.assert(
      fc.property(text, (sample) => {
        expect(findMojibake(sample)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("never changes text without a cp1252-decodable character", () => {
    const text = fc.array(fc.oneof(char(0x20, 0x7e), char(0x400, 0xd7ff), char(0x10000, 0x1ffff))).map((chars) => chars.join(""));
    fc.assert(
      fc.property(text, (sample) => {
        expect(repairMojibake(sample)).toEqual({ text: sample, repairs: [] });
      }),
    );
  });
});
