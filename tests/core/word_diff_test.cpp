// The word diff: reconstruction, minimality on small cases, UTF-8 safety, bounded cost.
#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "artifacts/word_diff.hpp"

namespace artifacts {
namespace {

std::string join(const std::vector<TextPiece>& pieces, DiffOp skip) {
  std::string out;
  for (const auto& piece : pieces) {
    if (piece.op != skip) out += piece.text;
  }
  return out;
}

void expect_reconstructs(std::string_view before, std::string_view after) {
  auto pieces = word_diff(before, after);
  EXPECT_EQ(join(pieces, DiffOp::insert), before);  // equal + delete
  EXPECT_EQ(join(pieces, DiffOp::remove), after);   // equal + insert
  for (std::size_t i = 1; i < pieces.size(); ++i) {
    EXPECT_NE(pieces[i].op, pieces[i - 1].op) << "adjacent pieces are merged";
  }
}

TEST(WordDiff, ReplacesOneWord) {
  auto pieces = word_diff("We track stock on paper", "We track stock on phones");
  ASSERT_EQ(pieces.size(), 3u);
  EXPECT_EQ(pieces[0].op, DiffOp::equal);
  EXPECT_EQ(pieces[0].text, "We track stock on ");
  EXPECT_EQ(pieces[1].op, DiffOp::remove);
  EXPECT_EQ(pieces[1].text, "paper");
  EXPECT_EQ(pieces[2].op, DiffOp::insert);
  EXPECT_EQ(pieces[2].text, "phones");
}

TEST(WordDiff, InsertAndDeleteWords) {
  auto pieces = word_diff("We ship fast", "We ship very fast, always");
  EXPECT_EQ(join(pieces, DiffOp::remove), "We ship very fast, always");
  std::string inserted;
  for (const auto& piece : pieces) {
    if (piece.op == DiffOp::insert) inserted += piece.text;
  }
  EXPECT_EQ(inserted, "very , always");
}

TEST(WordDiff, EmptyStrings) {
  EXPECT_TRUE(word_diff("", "").empty());
  auto added = word_diff("", "new text");
  ASSERT_EQ(added.size(), 1u);
  EXPECT_EQ(added[0].op, DiffOp::insert);
  auto removed = word_diff("old text", "");
  ASSERT_EQ(removed.size(), 1u);
  EXPECT_EQ(removed[0].op, DiffOp::remove);
}

TEST(WordDiff, TokensNeverSplitUtf8) {
  const std::string text = "Café owners 在庫管理 👩‍💻 naïve — €30 📦📦";
  auto tokens = word_tokens(text);
  std::string joined;
  for (auto token : tokens) {
    joined += token;
    auto first = static_cast<unsigned char>(token.front());
    EXPECT_NE(first & 0xC0, 0x80) << "a token starts inside a UTF-8 sequence";
  }
  EXPECT_EQ(joined, text);
  // CJK characters and emoji are tokens of their own; the ZWJ sequence stays whole.
  EXPECT_NE(std::find(tokens.begin(), tokens.end(), "庫"), tokens.end());
  EXPECT_NE(std::find(tokens.begin(), tokens.end(), "👩‍💻"), tokens.end());
  EXPECT_NE(std::find(tokens.begin(), tokens.end(), "Café"), tokens.end());
}

TEST(WordDiff, CjkAndEmojiChangesAreCharacterSized) {
  auto pieces = word_diff("在庫管理 📦", "在庫整理 📦");
  expect_reconstructs("在庫管理 📦", "在庫整理 📦");
  std::string removed;
  for (const auto& piece : pieces) {
    if (piece.op == DiffOp::remove) removed += piece.text;
  }
  EXPECT_EQ(removed, "管");
}

TEST(WordDiff, ReconstructsManyPairs) {
  std::mt19937 rng(7);
  const std::vector<std::string> words = {"we", " ", "ship", "café",  "在",
                                          "庫", "📦", ",",    "stock", "  "};
  for (int round = 0; round < 2000; ++round) {
    std::string a, b;
    for (int i = 0, n = static_cast<int>(rng() % 30); i < n; ++i) a += words[rng() % words.size()];
    b = a;
    for (int e = 0, n = static_cast<int>(rng() % 4); e < n; ++e) {
      auto at = b.empty() ? 0 : rng() % b.size();
      while (at < b.size() && (static_cast<unsigned char>(b[at]) & 0xC0) == 0x80) ++at;
      b.insert(at, words[rng() % words.size()]);
    }
    expect_reconstructs(a, b);
    expect_reconstructs(b, a);
  }
}

// The time ceilings below are no speed goal (bench/ holds those): they are 100x what the work
// takes here, far below what an unbounded O(ND) search would take, and must hold in the
// sanitizer build on a busy machine too.
constexpr double kUnboundedWorkSeconds = 20.0;

TEST(WordDiff, OneMegabyteProseWithAFewEditsIsLocalAndExact) {
  std::string base;
  while (base.size() < (1u << 20))
    base += "We count every item on the shelf before the shop opens. ";
  std::string edited = base;
  edited.replace(1000, 5, "tally");
  edited.insert(500000, "Twice a week we audit the back room. ");
  edited.replace(900000, 2, "Us");
  auto start = std::chrono::steady_clock::now();
  auto pieces = word_diff(base, edited);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(join(pieces, DiffOp::insert), base);
  EXPECT_EQ(join(pieces, DiffOp::remove), edited);
  EXPECT_LE(pieces.size(), 16u);  // three local edits, not a rewrite
  EXPECT_LT(std::chrono::duration<double>(elapsed).count(), kUnboundedWorkSeconds);
}

// Two unrelated 200 KB texts: the work budget bounds the time (about 0.1 s natively here) and
// memory stays linear in the tokens; the result still reconstructs both texts.
TEST(WordDiff, TwoUnrelated200KBTextsFinishInBoundedWork) {
  std::mt19937 rng(11);
  auto random_text = [&](const std::vector<std::string>& vocabulary) {
    std::string text;
    while (text.size() < 200 * 1024) text += vocabulary[rng() % vocabulary.size()] + " ";
    return text;
  };
  auto a = random_text({"alpha", "beta", "gamma", "delta", "epsilon", "zeta"});
  auto b = random_text({"one", "two", "three", "four", "five", "six", "gamma"});
  auto start = std::chrono::steady_clock::now();
  auto pieces = word_diff(a, b);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(join(pieces, DiffOp::insert), a);
  EXPECT_EQ(join(pieces, DiffOp::remove), b);
  EXPECT_LT(seconds, kUnboundedWorkSeconds);
}

}  // namespace
}  // namespace artifacts
