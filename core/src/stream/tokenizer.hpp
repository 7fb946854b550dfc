// A resumable JSON tokenizer: a byte state machine with a container stack that takes the text a
// chunk at a time (split anywhere) and tells a listener where keys, values and string growth are.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace artifacts::detail {

class TokenListener {
 public:
  // An object key closed (decoded); its object is the innermost open container.
  virtual void on_key(std::string_view key) = 0;
  // A value begins at `offset` (its first byte: `{`, `[`, `"`, a digit, `-`, t, f or n), below
  // `depth` open containers.
  virtual void on_value_start(std::size_t offset, char first, std::size_t depth) = 0;
  // A value occupying [start, end) closed, below `depth` open containers.
  virtual void on_value_end(std::size_t start, std::size_t end, std::size_t depth) = 0;
  // The text stopped being JSON at byte `at` (or nested too deep); no more calls follow.
  virtual void on_error(std::string_view detail, std::size_t at) = 0;

 protected:
  ~TokenListener() = default;
};

class Tokenizer {
 public:
  explicit Tokenizer(TokenListener& listener) : listener_(listener) {}

  // Reads text[from, size): `text` is everything received so far (offsets are into it).
  void feed(std::string_view text, std::size_t from);
  bool failed() const { return failed_; }
  // Inside a string value (not a key).
  bool in_string_value() const { return mode_ == Mode::string && !in_key_; }
  // The decoded text the open (or just closed) string value gained since clear_text().
  std::string_view text() const { return text_; }
  void clear_text() { text_.clear(); }
  // The value so far (see StreamValidator::snapshot).
  std::string snapshot(std::string_view text) const;

 private:
  enum class Mode : std::uint8_t {
    value,           // a value is due
    value_or_close,  // after `[`
    key_or_close,    // after `{`
    key,             // after `,` in an object
    colon,
    after_value,  // `,` or a close, or only whitespace after the root
    string,
    number,
    literal,
  };
  struct Frame {
    bool object;
    std::size_t start;
  };

  // Each returns false once the text is not JSON (after reporting it).
  bool structure(std::string_view text, std::size_t i);
  bool begin_value(std::string_view text, std::size_t i);
  void close(std::size_t i);
  std::size_t string_bytes(std::string_view text, std::size_t i);
  bool escape(unsigned char c, std::size_t i);
  bool number(unsigned char c, std::size_t i);
  void end_value(std::size_t start, std::size_t end);
  bool fail(std::string_view detail, std::size_t at);
  void append(char32_t code);

  TokenListener& listener_;
  std::vector<Frame> stack_;
  Mode mode_ = Mode::value;
  bool failed_ = false;
  bool began_ = false;     // the root value began
  std::size_t clean_ = 0;  // after the last complete value or opening bracket (snapshot)
  std::size_t value_start_ = 0;
  // string state
  bool in_key_ = false;
  std::uint8_t escape_ =
      0;  // 0: none; 1: after `\`; 2-5: \u digits; 6-7: `\u` of a low surrogate; 8-11: its digits
  char32_t code_ = 0;
  char32_t high_ = 0;
  unsigned char utf8_[4] = {};
  std::uint8_t utf8_have_ = 0;
  std::uint8_t utf8_need_ = 0;
  std::size_t string_clean_ = 0;  // after the open string's last complete character
  std::string key_;
  std::string text_;
  // number and literal state
  std::uint8_t number_ = 0;
  std::string_view literal_;
  std::size_t literal_at_ = 0;
};

}  // namespace artifacts::detail
