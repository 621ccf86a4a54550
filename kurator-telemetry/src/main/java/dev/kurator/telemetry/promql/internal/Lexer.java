package dev.kurator.telemetry.promql.internal;

import dev.kurator.telemetry.promql.ParseException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits PromQL text into tokens. Comments ({@code # ...}) and whitespace are skipped. */
final class Lexer {

  enum Kind {
    IDENT,
    NUMBER,
    DURATION,
    STRING,
    LPAREN,
    RPAREN,
    LBRACE,
    RBRACE,
    LBRACKET,
    RBRACKET,
    COMMA,
    COLON,
    AT,
    ASSIGN, // =
    OP, // + - * / % ^ == != > < >= <= =~ !~
    EOF
  }

  record Token(Kind kind, String text, int pos, double number, String string) {
    @Override
    public String toString() {
      return switch (kind) {
        case EOF -> "end of input";
        case STRING -> "string \"" + text + "\"";
        case NUMBER -> "number \"" + text + "\"";
        case DURATION -> "duration \"" + text + "\"";
        case IDENT -> "identifier \"" + text + "\"";
        default -> "\"" + text + "\"";
      };
    }
  }

  private final String src;
  private int pos;
  private int bracketDepth;
  private final List<Token> tokens = new ArrayList<>();

  private Lexer(String src) {
    this.src = src;
  }

  static List<Token> lex(String src) {
    Lexer l = new Lexer(src);
    l.run();
    return l.tokens;
  }

  ParseException error(int at, String msg) {
    return errorAt(src, at, msg);
  }

  static ParseException errorAt(String src, int at, String msg) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < at && i < src.length(); i++) {
      if (src.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new ParseException(line, col, msg);
  }

  private void run() {
    while (true) {
      skipSpace();
      if (pos >= src.length()) {
        tokens.add(new Token(Kind.EOF, "", pos, 0, null));
        return;
      }
      int start = pos;
      char c = src.charAt(pos);
      if (c == '"' || c == '\'' || c == '`') {
        String s = readString(c);
        tokens.add(new Token(Kind.STRING, src.substring(start + 1, pos - 1), start, 0, s));
      } else if (isDigit(c) || (c == '.' && pos + 1 < src.length() && isDigit(src.charAt(pos + 1)))) {
        readNumberOrDuration();
      } else if (isIdentStart(c) && identPart(c)) {
        while (pos < src.length() && identPart(src.charAt(pos))) {
          pos++;
        }
        String word = src.substring(start, pos);
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("inf") || lower.equals("nan")) {
          double v = lower.equals("inf") ? Double.POSITIVE_INFINITY : Double.NaN;
          tokens.add(new Token(Kind.NUMBER, word, start, v, null));
        } else {
          tokens.add(new Token(Kind.IDENT, word, start, 0, null));
        }
      } else {
        pos++;
        Kind k;
        String text = String.valueOf(c);
        switch (c) {
          case '(' -> k = Kind.LPAREN;
          case ')' -> k = Kind.RPAREN;
          case '{' -> k = Kind.LBRACE;
          case '}' -> k = Kind.RBRACE;
          case '[' -> {
            bracketDepth++;
            k = Kind.LBRACKET;
          }
          case ']' -> {
            bracketDepth = Math.max(0, bracketDepth - 1);
            k = Kind.RBRACKET;
          }
          case ',' -> k = Kind.COMMA;
          case ':' -> k = Kind.COLON;
          case '@' -> k = Kind.AT;
          case '+', '-', '*', '/', '%', '^' -> k = Kind.OP;
          case '=' -> {
            if (peek('=')) {
              pos++;
              k = Kind.OP;
              text = "==";
            } else if (peek('~')) {
              pos++;
              k = Kind.OP;
              text = "=~";
            } else {
              k = Kind.ASSIGN;
            }
          }
          case '!' -> {
            if (peek('=')) {
              pos++;
              text = "!=";
            } else if (peek('~')) {
              pos++;
              text = "!~";
            } else {
              throw error(start, "unexpected character after '!': expected '=' or '~'");
            }
            k = Kind.OP;
          }
          case '>', '<' -> {
            if (peek('=')) {
              pos++;
              text = c + "=";
            }
            k = Kind.OP;
          }
          default -> throw error(start, "unexpected character: '" + c + "'");
        }
        tokens.add(new Token(k, text, start, 0, null));
      }
    }
  }

  private boolean peek(char c) {
    return pos < src.length() && src.charAt(pos) == c;
  }

  private void skipSpace() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '#') {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else {
        return;
      }
    }
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
  }

  private boolean identPart(char c) {
    return c == ':' ? bracketDepth == 0 : isIdentPart(c);
  }

  static boolean isIdentPart(char c) {
    return isIdentStart(c) || isDigit(c);
  }

  private void readNumberOrDuration() {
    int start = pos;
    if (src.startsWith("0x", pos) || src.startsWith("0X", pos)) {
      pos += 2;
      while (pos < src.length() && Character.digit(src.charAt(pos), 16) >= 0) {
        pos++;
      }
      String text = src.substring(start, pos);
      if (text.length() == 2) {
        throw error(start, "bad number \"" + text + "\"");
      }
      tokens.add(new Token(Kind.NUMBER, text, start, Long.parseLong(text.substring(2), 16), null));
      return;
    }
    // Try a duration first: digits followed by units, e.g. 1h30m, 500ms.
    int durEnd = scanDuration(pos);
    if (durEnd > 0) {
      pos = durEnd;
      String text = src.substring(start, pos);
      tokens.add(new Token(Kind.DURATION, text, start, parseDuration(text, start), null));
      return;
    }
    while (pos < src.length() && isDigit(src.charAt(pos))) {
      pos++;
    }
    if (peek('.')) {
      pos++;
      while (pos < src.length() && isDigit(src.charAt(pos))) {
        pos++;
      }
    }
    if (peek('e') || peek('E')) {
      int save = pos;
      pos++;
      if (peek('+') || peek('-')) {
        pos++;
      }
      if (pos < src.length() && isDigit(src.charAt(pos))) {
        while (pos < src.length() && isDigit(src.charAt(pos))) {
          pos++;
        }
      } else {
        pos = save;
      }
    }
    if (pos < src.length() && identPart(src.charAt(pos))) {
      while (pos < src.length() && identPart(src.charAt(pos))) {
        pos++;
      }
      throw error(start, "bad number or duration syntax: \"" + src.substring(start, pos) + "\"");
    }
    String text = src.substring(start, pos);
    tokens.add(new Token(Kind.NUMBER, text, start, Double.parseDouble(text), null));
  }

  /** End index of a duration starting at i, or -1. */
  private int scanDuration(int i) {
    int p = i;
    boolean any = false;
    while (p < src.length() && isDigit(src.charAt(p))) {
      int d = p;
      while (p < src.length() && isDigit(src.charAt(p))) {
        p++;
      }
      if (d == p) {
        break;
      }
      int u = unitLength(p);
      if (u == 0) {
        return -1;
      }
      p += u;
      any = true;
    }
    if (!any || (p < src.length() && identPart(src.charAt(p)))) {
      return -1;
    }
    return p;
  }

  private int unitLength(int p) {
    if (src.startsWith("ms", p)) {
      return 2;
    }
    if (p < src.length() && "smhdwy".indexOf(src.charAt(p)) >= 0) {
      return 1;
    }
    return 0;
  }

  /** Parses a Prometheus duration such as {@code 1h30m} into milliseconds. */
  static long parseDuration(String text, int at) {
    long total = 0;
    int p = 0;
    int lastOrder = -1;
    String units = "y w d h m s ms";
    List<String> order = List.of(units.split(" "));
    while (p < text.length()) {
      int d = p;
      while (p < text.length() && isDigit(text.charAt(p))) {
        p++;
      }
      long n = Long.parseLong(text.substring(d, p));
      String unit = text.startsWith("ms", p) ? "ms" : String.valueOf(text.charAt(p));
      p += unit.length();
      int o = order.indexOf(unit);
      if (o <= lastOrder) {
        throw new ParseException(1, at + 1, "not a valid duration string: \"" + text + "\"");
      }
      lastOrder = o;
      long mult =
          switch (unit) {
            case "y" -> 365L * 24 * 3600 * 1000;
            case "w" -> 7L * 24 * 3600 * 1000;
            case "d" -> 24L * 3600 * 1000;
            case "h" -> 3600L * 1000;
            case "m" -> 60L * 1000;
            case "s" -> 1000L;
            default -> 1L;
          };
      total = Math.addExact(total, Math.multiplyExact(n, mult));
    }
    return total;
  }

  private String readString(char quote) {
    int start = pos;
    pos++;
    if (quote == '`') {
      int end = src.indexOf('`', pos);
      if (end < 0) {
        throw error(start, "unterminated raw string");
      }
      String s = src.substring(pos, end);
      pos = end + 1;
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (true) {
      if (pos >= src.length()) {
        throw error(start, "unterminated quoted string");
      }
      char c = src.charAt(pos);
      if (c == quote) {
        pos++;
        break;
      }
      if (c == '\n') {
        throw error(start, "unterminated quoted string");
      }
      if (c != '\\') {
        int cp = src.codePointAt(pos);
        pos += Character.charCount(cp);
        byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
        continue;
      }
      pos++;
      if (pos >= src.length()) {
        throw error(start, "unterminated quoted string");
      }
      char e = src.charAt(pos++);
      switch (e) {
        case 'a' -> bytes.write(7);
        case 'b' -> bytes.write(8);
        case 'f' -> bytes.write(12);
        case 'n' -> bytes.write('\n');
        case 'r' -> bytes.write('\r');
        case 't' -> bytes.write('\t');
        case 'v' -> bytes.write(11);
        case '\\' -> bytes.write('\\');
        case '"', '\'' -> {
          if (e != quote) {
            throw error(pos - 2, "unknown escape sequence \\" + e);
          }
          bytes.write(e);
        }
        case 'x' -> bytes.write(hex(2));
        case 'u', 'U' -> {
          int cp = hex(e == 'u' ? 4 : 8);
          byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
          bytes.write(b, 0, b.length);
        }
        default -> {
          if (e >= '0' && e <= '7') {
            pos--;
            int v = 0;
            for (int i = 0; i < 3; i++) {
              if (pos >= src.length() || src.charAt(pos) < '0' || src.charAt(pos) > '7') {
                throw error(pos, "invalid octal escape");
              }
              v = v * 8 + (src.charAt(pos++) - '0');
            }
            if (v > 255) {
              throw error(pos, "octal escape value > 255");
            }
            bytes.write(v);
          } else {
            throw error(pos - 2, "unknown escape sequence \\" + e);
          }
        }
      }
    }
    return decodeLenient(bytes.toByteArray());
  }

  private int hex(int n) {
    if (pos + n > src.length()) {
      throw error(pos, "invalid escape sequence");
    }
    try {
      int v = Integer.parseInt(src.substring(pos, pos + n), 16);
      pos += n;
      return v;
    } catch (NumberFormatException ex) {
      throw error(pos, "invalid escape sequence");
    }
  }

  /**
   * Decodes UTF-8; bytes that are not valid UTF-8 become U+DC80..U+DCFF (as Python's surrogateescape), so that they
   * can be reported and rejected where valid UTF-8 is required.
   */
  static String decodeLenient(byte[] b) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      StringBuilder sb = new StringBuilder();
      for (byte x : b) {
        int v = x & 0xff;
        sb.append(v < 0x80 ? (char) v : (char) (0xDC00 + v));
      }
      return sb.toString();
    }
  }

  /** Quotes a string as Go's %q would, showing escaped invalid bytes as \xNN. */
  static String goQuote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0xDC80 && c <= 0xDCFF) {
        sb.append(String.format("\\x%02x", c - 0xDC00));
      } else if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** True when the string is valid UTF-8 text (no escaped invalid bytes). */
  static boolean validUtf8(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0xDC80 && c <= 0xDCFF) {
        return false;
      }
    }
    return true;
  }
}
