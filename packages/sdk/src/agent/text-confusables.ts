/**
 * Letters of other scripts that look like ASCII letters in most fonts, with the ASCII letter each
 * one passes for and its Unicode name. A subset of Unicode's confusables (UTS #39, confusables.txt):
 * the Cyrillic, Greek, Armenian and Latin-extension letters that spell English words, plus the
 * dashes that pass for `-`. Fullwidth and mathematical letters need no entry: NFKD folds them.
 */
const CONFUSABLES: ReadonlyMap<number, { ascii: string; name: string }> = new Map(
  (
    [
      [0x0410, "A", "CYRILLIC CAPITAL LETTER A"],
      [0x0412, "B", "CYRILLIC CAPITAL LETTER VE"],
      [0x0415, "E", "CYRILLIC CAPITAL LETTER IE"],
      [0x041a, "K", "CYRILLIC CAPITAL LETTER KA"],
      [0x041c, "M", "CYRILLIC CAPITAL LETTER EM"],
      [0x041d, "H", "CYRILLIC CAPITAL LETTER EN"],
      [0x041e, "O", "CYRILLIC CAPITAL LETTER O"],
      [0x0420, "P", "CYRILLIC CAPITAL LETTER ER"],
      [0x0421, "C", "CYRILLIC CAPITAL LETTER ES"],
      [0x0422, "T", "CYRILLIC CAPITAL LETTER TE"],
      [0x0425, "X", "CYRILLIC CAPITAL LETTER HA"],
      [0x0405, "S", "CYRILLIC CAPITAL LETTER DZE"],
      [0x0406, "I", "CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I"],
      [0x0408, "J", "CYRILLIC CAPITAL LETTER JE"],
      [0x04ae, "Y", "CYRILLIC CAPITAL LETTER STRAIGHT U"],
      [0x0430, "a", "CYRILLIC SMALL LETTER A"],
      [0x0435, "e", "CYRILLIC SMALL LETTER IE"],
      [0x043a, "k", "CYRILLIC SMALL LETTER KA"],
      [0x043e, "o", "CYRILLIC SMALL LETTER O"],
      [0x0440, "p", "CYRILLIC SMALL LETTER ER"],
      [0x0441, "c", "CYRILLIC SMALL LETTER ES"],
      [0x0443, "y", "CYRILLIC SMALL LETTER U"],
      [0x0445, "x", "CYRILLIC SMALL LETTER HA"],
      [0x0455, "s", "CYRILLIC SMALL LETTER DZE"],
      [0x0456, "i", "CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I"],
      [0x0458, "j", "CYRILLIC SMALL LETTER JE"],
      [0x04bb, "h", "CYRILLIC SMALL LETTER SHHA"],
      [0x0501, "d", "CYRILLIC SMALL LETTER KOMI DE"],
      [0x051b, "q", "CYRILLIC SMALL LETTER QA"],
      [0x051d, "w", "CYRILLIC SMALL LETTER WE"],
      [0x0391, "A", "GREEK CAPITAL LETTER ALPHA"],
      [0x0392, "B", "GREEK CAPITAL LETTER BETA"],
      [0x0395, "E", "GREEK CAPITAL LETTER EPSILON"],
      [0x0396, "Z", "GREEK CAPITAL LETTER ZETA"],
      [0x0397, "H", "GREEK CAPITAL LETTER ETA"],
      [0x0399, "I", "GREEK CAPITAL LETTER IOTA"],
      [0x039a, "K", "GREEK CAPITAL LETTER KAPPA"],
      [0x039c, "M", "GREEK CAPITAL LETTER MU"],
      [0x039d, "N", "GREEK CAPITAL LETTER NU"],
      [0x039f, "O", "GREEK CAPITAL LETTER OMICRON"],
      [0x03a1, "P", "GREEK CAPITAL LETTER RHO"],
      [0x03a4, "T", "GREEK CAPITAL LETTER TAU"],
      [0x03a5, "Y", "GREEK CAPITAL LETTER UPSILON"],
      [0x03a7, "X", "GREEK CAPITAL LETTER CHI"],
      [0x03b1, "a", "GREEK SMALL LETTER ALPHA"],
      [0x03b9, "i", "GREEK SMALL LETTER IOTA"],
      [0x03ba, "k", "GREEK SMALL LETTER KAPPA"],
      [0x03bd, "v", "GREEK SMALL LETTER NU"],
      [0x03bf, "o", "GREEK SMALL LETTER OMICRON"],
      [0x03c1, "p", "GREEK SMALL LETTER RHO"],
      [0x03c5, "u", "GREEK SMALL LETTER UPSILON"],
      [0x0578, "n", "ARMENIAN SMALL LETTER VO"],
      [0x057d, "u", "ARMENIAN SMALL LETTER SEH"],
      [0x0585, "o", "ARMENIAN SMALL LETTER OH"],
      [0x0131, "i", "LATIN SMALL LETTER DOTLESS I"],
      [0x0251, "a", "LATIN SMALL LETTER ALPHA"],
      [0x0261, "g", "LATIN SMALL LETTER SCRIPT G"],
      [0x2010, "-", "HYPHEN"],
      [0x2011, "-", "NON-BREAKING HYPHEN"],
      [0x2012, "-", "FIGURE DASH"],
      [0x2013, "-", "EN DASH"],
      [0x2212, "-", "MINUS SIGN"],
    ] as const
  ).map(([codePoint, ascii, name]) => [codePoint, { ascii, name }]),
);

/**
 * The Unicode name of a look-alike character: from the table above, or built for the fullwidth
 * forms (U+FF01–FF5E), which are ASCII shifted by 0xFEE0.
 *
 * @example
 * confusableName(0x0430); // "CYRILLIC SMALL LETTER A"
 * confusableName(0xff32); // "FULLWIDTH LATIN CAPITAL LETTER R"
 */
export function confusableName(codePoint: number): string | undefined {
  const known = CONFUSABLES.get(codePoint)?.name;
  if (known !== undefined || codePoint < 0xff21 || codePoint > 0xff5a) return known;
  const ascii = String.fromCharCode(codePoint - 0xfee0);
  if (ascii >= "A" && ascii <= "Z") return `FULLWIDTH LATIN CAPITAL LETTER ${ascii}`;
  if (ascii >= "a" && ascii <= "z") return `FULLWIDTH LATIN SMALL LETTER ${ascii.toUpperCase()}`;
  return undefined;
}

/**
 * What a text looks like in ASCII: look-alike letters replaced by the letter they pass for,
 * compatibility forms folded (`Ｒ`, `𝐁`, `ﬁ`), accents dropped (`é` → `e`), invisible characters
 * dropped. Characters with no ASCII look stay as they are, so the result is ASCII only when the
 * whole text could pass for it.
 *
 * @example
 * asciiSkeleton("Bаsh");  // "Bash" (the `а` is Cyrillic)
 * asciiSkeleton("Ｒead"); // "Read"
 * asciiSkeleton("Ba\u200Bsh"); // "Bash"
 * asciiSkeleton("日本");   // "日本"
 */
export function asciiSkeleton(text: string): string {
  let skeleton = "";
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (codePoint < 0x80) skeleton += char;
    else if (/\p{Default_Ignorable_Code_Point}/u.test(char)) continue;
    else {
      const folded = CONFUSABLES.get(codePoint)?.ascii ?? char.normalize("NFKD").replace(/\p{M}/gu, "");
      skeleton += /^[\x20-\x7e]+$/.test(folded) ? folded : char;
    }
  }
  return skeleton;
}
