// A schema-directed recursive-descent scan. Strings are scanned 16 bytes at a time (wasm SIMD128
// or SSE2) for the only bytes that need a closer look: the closing quote, a backslash, control
// characters and non-ASCII (checked as UTF-8).
#include "validate/fast_path.hpp"

#include <cstdint>
#include <cstring>

#include "artifacts/result.hpp"
#include "json/utf8.hpp"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace artifacts::detail {
namespace {

// The offset of the first byte in [p, p + 16) that is '"', '\\', below 0x20 or above 0x7F;
// 16 when there is none. Needs 16 readable bytes.
inline unsigned special_in_block(const char* p) {
#if defined(__wasm_simd128__)
  v128_t block = wasm_v128_load(p);
  v128_t special = wasm_v128_or(
      wasm_v128_or(wasm_i8x16_eq(block, wasm_i8x16_splat('"')),
                   wasm_i8x16_eq(block, wasm_i8x16_splat('\\'))),
      wasm_i8x16_lt(block, wasm_i8x16_splat(0x20)));  // signed: also every byte >= 0x80
  std::uint32_t mask = wasm_i8x16_bitmask(special);
  return mask == 0 ? 16 : static_cast<unsigned>(__builtin_ctz(mask));
#elif defined(__SSE2__)
  __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  __m128i special =
      _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8('"')),
                                _mm_cmpeq_epi8(block, _mm_set1_epi8('\\'))),
                   _mm_cmplt_epi8(block, _mm_set1_epi8(0x20)));  // signed: also every byte >= 0x80
  auto mask = static_cast<std::uint32_t>(_mm_movemask_epi8(special));
  return mask == 0 ? 16 : static_cast<unsigned>(__builtin_ctz(mask));
#else
  for (unsigned i = 0; i < 16; ++i) {
    auto c = static_cast<unsigned char>(p[i]);
    if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) return i;
  }
  return 16;
#endif
}

inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

class Scanner {
 public:
  Scanner(std::string_view json, std::optional<Tier> tier, WrittenLayout* layout = nullptr)
      : p_(json.data()), end_(json.data() + json.size()), tier_(tier), layout_(layout) {}

  // Whether whitespace was skipped anywhere so far (the text is not compact).
  bool spaced() const { return spaced_; }

  bool document(const ModelSpec& model) {
    skip_space();
    if (!model_value(model)) return false;
    skip_space();
    return p_ == end_;
  }

  bool lone_value(const TypeSpec& type) {
    if (!value(type)) return false;
    skip_space();
    return p_ == end_;
  }

  bool members(std::vector<RawMember>& out) {
    if (!consume('{') || !enter()) return false;
    if (!consume('}')) {
      if (!has_room()) return false;
      do {
        std::string_view key;
        bool escaped = false;
        if (!string(key, escaped) || escaped || !consume(':')) return false;
        skip_space();
        const char* start = p_;
        if (!any()) return false;
        out.push_back({key, std::string_view(start, static_cast<std::size_t>(p_ - start))});
      } while (consume(','));
      if (!consume('}')) return false;
    }
    skip_space();
    return p_ == end_;
  }

 private:
  void skip_space() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) {
      ++p_;
      spaced_ = true;
    }
  }

  std::string_view since(const char* start) const {
    return {start, static_cast<std::size_t>(p_ - start)};
  }

  bool consume(char c) {
    skip_space();
    if (p_ < end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }

  bool literal(std::string_view word) {
    if (static_cast<std::size_t>(end_ - p_) < word.size() ||
        std::memcmp(p_, word.data(), word.size()) != 0) {
      return false;
    }
    p_ += word.size();
    return true;
  }

  // A string at p_ (after whitespace). `raw` gets the bytes between the quotes; `escaped` says
  // whether they hold an escape (so `raw` is not the decoded text).
  bool string(std::string_view& raw, bool& escaped) {
    skip_space();
    if (p_ >= end_ || *p_ != '"') return false;
    const char* start = ++p_;
    escaped = false;
    for (;;) {
      while (end_ - p_ >= 16) {
        unsigned offset = special_in_block(p_);
        p_ += offset;
        if (offset < 16) break;
      }
      if (p_ >= end_) return false;
      auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        raw = std::string_view(start, static_cast<std::size_t>(p_ - start));
        ++p_;
        return true;
      }
      if (c == '\\') {
        escaped = true;
        if (!escape()) return false;
      } else if (c < 0x20) {
        return false;
      } else if (c >= 0x80) {
        if (!utf8()) return false;
      } else {
        ++p_;
      }
    }
  }

  bool hex4(std::uint32_t& value) {
    if (end_ - p_ < 4) return false;
    value = 0;
    for (int i = 0; i < 4; ++i) {
      char c = p_[i];
      if (!is_hex(c)) return false;
      value =
          value * 16 + static_cast<std::uint32_t>(is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    p_ += 4;
    return true;
  }

  bool escape() {
    ++p_;  // the backslash
    if (p_ >= end_) return false;
    char c = *p_++;
    if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' ||
        c == 't') {
      return true;
    }
    if (c != 'u') return false;
    std::uint32_t unit = 0;
    if (!hex4(unit)) return false;
    if (unit >= 0xDC00 && unit <= 0xDFFF) return false;  // a lone low surrogate
    if (unit >= 0xD800 && unit <= 0xDBFF) {              // must pair with a low one
      std::uint32_t low = 0;
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
      p_ += 2;
      if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
    }
    return true;
  }

  // One UTF-8 sequence at p_: well-formed, shortest form, no surrogates, at most U+10FFFF.
  bool utf8() {
    auto point = decode_utf8(std::string_view(p_, static_cast<std::size_t>(end_ - p_)), 0);
    if (!well_formed(point)) return false;
    // U+FFFD is what TextEncoder writes for a lone surrogate: a caller that skipped its own
    // well-formedness check relies on the fast path never accepting one.
    if (point.code == 0xFFFD) return false;
    p_ += point.length;
    return true;
  }

  // A JSON integer literal that fits comfortably in 64 bits ("-0" and anything with a fraction or
  // exponent go to the full path, which knows Pydantic's conversions).
  bool integer(std::int64_t& value) {
    skip_space();
    bool negative = p_ < end_ && *p_ == '-';
    if (negative) ++p_;
    const char* digits = p_;
    while (p_ < end_ && is_digit(*p_)) ++p_;
    const auto count = p_ - digits;
    if (count == 0 || count > 18 || (count > 1 && *digits == '0')) return false;
    if (p_ < end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) return false;
    value = 0;
    for (const char* d = digits; d < p_; ++d) value = value * 10 + (*d - '0');
    if (negative) {
      if (value == 0) return false;
      value = -value;
    }
    return true;
  }

  // Any JSON number the full path's parser certainly reads the same way (no exponent, at most 18
  // digits, so no overflow).
  bool number() {
    if (p_ < end_ && *p_ == '-') ++p_;
    const char* digits = p_;
    while (p_ < end_ && is_digit(*p_)) ++p_;
    auto count = p_ - digits;
    if (count == 0 || (count > 1 && *digits == '0')) return false;
    if (p_ < end_ && *p_ == '.') {
      ++p_;
      const char* fraction = p_;
      while (p_ < end_ && is_digit(*p_)) ++p_;
      if (p_ == fraction) return false;
      count += p_ - fraction;
    }
    return count <= 18 && !(p_ < end_ && (*p_ == 'e' || *p_ == 'E'));
  }

  // Any JSON value (inside a free-form object).
  bool any() {
    skip_space();
    if (p_ >= end_) return false;
    std::string_view raw;
    bool escaped = false;
    switch (*p_) {
      case '"':
        return string(raw, escaped);
      case '{': {
        if (!enter()) return false;
        ++p_;
        if (consume('}')) return leave();
        if (!has_room()) return false;
        do {
          if (!string(raw, escaped) || !consume(':') || !any()) return false;
        } while (consume(','));
        return consume('}') && leave();
      }
      case '[': {
        if (!enter()) return false;
        ++p_;
        if (consume(']')) return leave();
        if (!has_room()) return false;
        do {
          if (!any()) return false;
        } while (consume(','));
        return consume(']') && leave();
      }
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      default:
        return number();
    }
  }

  bool enter() { return ++depth_ <= kMaxNestingDepth; }
  // simdjson counts a container's values as one level deeper than the container, scalars too: a
  // container at the deepest level may only be empty.
  bool has_room() const { return depth_ < kMaxNestingDepth; }
  bool leave() {
    --depth_;
    return true;
  }

  bool value(const TypeSpec& type) {
    skip_space();
    std::string_view raw;
    bool escaped = false;
    switch (type.kind) {
      case Kind::string:
        return string(raw, escaped);
      case Kind::integer: {
        std::int64_t number = 0;
        return integer(number) && (!type.ge || number >= *type.ge);
      }
      case Kind::boolean:
        return p_ < end_ && (*p_ == 't' ? literal("true") : literal("false"));
      case Kind::literal:
      case Kind::enumeration:
        if (!string(raw, escaped) || escaped) return false;
        for (auto choice : type.choices) {
          if (choice == raw) return true;
        }
        return false;
      case Kind::uuid:
        // Only the canonical form, which is its own normalisation.
        if (!string(raw, escaped) || escaped || raw.size() != 36) return false;
        for (std::size_t i = 0; i < raw.size(); ++i) {
          bool hyphen = i == 8 || i == 13 || i == 18 || i == 23;
          if (hyphen ? raw[i] != '-' : !(is_digit(raw[i]) || (raw[i] >= 'a' && raw[i] <= 'f'))) {
            return false;
          }
        }
        return true;
      case Kind::datetime:
        return false;  // canonical forms vary: the full path decides
      case Kind::object:
        return p_ < end_ && *p_ == '{' && any();
      case Kind::model:
        return model_value(*type.model);
      case Kind::list: {
        if (!consume('[')) return false;
        if (!enter()) return false;
        if (consume(']')) return leave();
        if (!has_room()) return false;
        // The items of a top-level list of identified items, when recording the layout.
        const bool record = recording_items_ && depth_ == 2;
        do {
          skip_space();
          const char* start = p_;
          if (record) {
            current_item_ = layout_->items.size();
            layout_->items.push_back({});
          }
          if (!value(*type.item)) return false;
          if (record) layout_->items[current_item_].text = since(start);
        } while (consume(','));
        if (record) current_item_ = kNoItem;
        return consume(']') && leave();
      }
    }
    return false;
  }

  bool model_value(const ModelSpec& model) {
    if (!consume('{') || !enter()) return false;
    static_assert(sizeof(std::uint64_t) * 8 >= 64);
    if (model.fields.size() > 64) return false;
    std::uint64_t seen = 0;
    // Recording the layout: the document's own members, or an item's identity.
    const bool top = layout_ != nullptr && depth_ == 1;
    const bool in_item = current_item_ != kNoItem && depth_ == 3;
    if (!consume('}')) {
      if (!has_room()) return false;
      do {
        std::string_view key;
        bool escaped = false;
        if (!string(key, escaped) || escaped || !consume(':')) return false;
        const FieldSpec* field = find_field(model, key);
        if (field == nullptr) return false;  // an unknown key: a warning, and dropped
        const auto bit = std::uint64_t{1} << (field - model.fields.data());
        if (seen & bit) return false;  // a repeated key: the last one wins, on the full path
        seen |= bit;
        skip_space();
        const char* start = p_;
        if (top) {
          recording_items_ = is_identified_list(*field->type);
          layout_->members.push_back({key, {}, layout_->items.size(), 0});
        }
        if (p_ < end_ && *p_ == 'n') {
          if (!field->nullable || !literal("null")) return false;
        } else {
          if (tier_ && !tier_allows(*tier_, field->tier)) return false;  // needs a warning
          if (!value(*field->type)) return false;
        }
        if (top) {
          auto& member = layout_->members.back();
          member.value = since(start);
          member.item_count = layout_->items.size() - member.first_item;
          recording_items_ = false;
        } else if (in_item && key == model.identity) {
          layout_->items[current_item_].identity = since(start);
        }
      } while (consume(','));
      if (!consume('}')) return false;
    }
    for (std::size_t i = 0; i < model.fields.size(); ++i) {
      if (model.fields[i].required && !(seen & (std::uint64_t{1} << i))) return false;
    }
    return leave();
  }

  static bool is_identified_list(const TypeSpec& type) {
    return type.kind == Kind::list && type.item->kind == Kind::model &&
           !type.item->model->identity.empty();
  }

  static constexpr std::size_t kNoItem = static_cast<std::size_t>(-1);

  const char* p_;
  const char* end_;
  std::optional<Tier> tier_;
  std::size_t depth_ = 0;
  WrittenLayout* layout_;
  bool recording_items_ = false;        // scanning a top-level list of identified items
  std::size_t current_item_ = kNoItem;  // the item of such a list being scanned
  bool spaced_ = false;                 // whitespace was skipped
};

}  // namespace

bool validates_as_written(const ModelSpec& model, std::string_view json, std::optional<Tier> tier) {
  if (json.size() > kMaxInputBytes) return false;
  return Scanner(json, tier).document(model);
}

bool validates_as_written(const ModelSpec& model, std::string_view json, std::optional<Tier> tier,
                          WrittenLayout& layout) {
  layout = {};
  if (json.size() > kMaxInputBytes) return false;
  Scanner scanner(json, tier, &layout);
  if (!scanner.document(model)) return false;
  layout.compact = !scanner.spaced();
  return true;
}

bool value_validates_as_written(const TypeSpec& type, std::string_view json,
                                std::optional<Tier> tier) {
  if (json.size() > kMaxInputBytes) return false;
  return Scanner(json, tier).lone_value(type);
}

bool field_validates_as_written(const FieldSpec& field, std::string_view json,
                                std::optional<Tier> tier) {
  // As the document's scan meets the field (model_value): `null` where nullable, or a value of
  // its type in a section the tier allows. (Its nesting is one level less here than in the
  // document, which only matters past the limit the document's own parse already keeps.)
  auto first = json.find_first_not_of(" \t\n\r");
  if (first != std::string_view::npos && json[first] == 'n') {
    auto last = json.find_last_not_of(" \t\n\r");
    return field.nullable && json.substr(first, last - first + 1) == "null";
  }
  if (tier && !tier_allows(*tier, field.tier)) return false;
  return value_validates_as_written(*field.type, json, tier);
}

bool raw_members(std::string_view json, std::vector<RawMember>& members) {
  if (json.size() > kMaxInputBytes) return false;
  return Scanner(json, std::nullopt).members(members);
}

}  // namespace artifacts::detail
