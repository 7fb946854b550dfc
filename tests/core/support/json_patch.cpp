#include "json_patch.hpp"

#include <span>

#include "json_reader.hpp"

namespace artifacts::testing {
namespace {

using Document = rapidjson::Document;
using Value = rapidjson::Value;

rapidjson::GenericStringRef<char> ref(const std::string& token) {
  return rapidjson::StringRef(token.data(), static_cast<rapidjson::SizeType>(token.size()));
}

// An array index token (digits, no leading zero) below `limit`.
std::optional<std::size_t> array_index(std::string_view token, std::size_t limit) {
  std::size_t index = 0;
  if (token.empty() || token.size() > 9 || (token.size() > 1 && token[0] == '0')) return {};
  for (char c : token) {
    if (c < '0' || c > '9') return {};
    index = index * 10 + static_cast<std::size_t>(c - '0');
  }
  if (index >= limit) return {};
  return index;
}

Value* child(Value& parent, const std::string& token) {
  if (parent.IsObject()) {
    auto found = parent.FindMember(Value(ref(token)));
    return found == parent.MemberEnd() ? nullptr : &found->value;
  }
  if (!parent.IsArray()) return nullptr;
  auto index = array_index(token, parent.Size());
  return index ? &parent[static_cast<rapidjson::SizeType>(*index)] : nullptr;
}

Value* resolve(Value& root, std::span<const std::string> tokens) {
  Value* at = &root;
  for (const auto& token : tokens) {
    if (at = child(*at, token); at == nullptr) return nullptr;
  }
  return at;
}

bool remove_at(Value& root, std::span<const std::string> tokens, Value* taken) {
  if (tokens.empty()) return false;
  Value* parent = resolve(root, tokens.first(tokens.size() - 1));
  if (parent == nullptr) return false;
  const std::string& last = tokens.back();
  if (parent->IsObject()) {
    auto found = parent->FindMember(Value(ref(last)));
    if (found == parent->MemberEnd()) return false;
    if (taken != nullptr) *taken = found->value;  // (a move)
    parent->EraseMember(found);
    return true;
  }
  if (!parent->IsArray()) return false;
  auto index = array_index(last, parent->Size());
  if (!index) return false;
  if (taken != nullptr) *taken = (*parent)[static_cast<rapidjson::SizeType>(*index)];
  parent->Erase(parent->Begin() + *index);
  return true;
}

bool add_at(Value& root, std::span<const std::string> tokens, Value& value,
            Document::AllocatorType& allocator) {
  if (tokens.empty()) {
    root = value;
    return true;
  }
  Value* parent = resolve(root, tokens.first(tokens.size() - 1));
  if (parent == nullptr) return false;
  const std::string& last = tokens.back();
  if (parent->IsObject()) {
    if (Value* existing = child(*parent, last)) {
      *existing = value;
    } else {
      parent->AddMember(
          Value(last.data(), static_cast<rapidjson::SizeType>(last.size()), allocator), value,
          allocator);
    }
    return true;
  }
  if (!parent->IsArray()) return false;
  const std::size_t size = parent->Size();
  auto index = last == "-" ? std::optional<std::size_t>(size) : array_index(last, size + 1);
  if (!index) return false;
  parent->PushBack(value, allocator);
  for (std::size_t i = size; i > *index; --i) {
    (*parent)[static_cast<rapidjson::SizeType>(i)].Swap(
        (*parent)[static_cast<rapidjson::SizeType>(i - 1)]);
  }
  return true;
}

// The string member `key` of an operation, or nothing.
std::optional<std::string_view> text_member(const Value& op, std::string_view key) {
  const Value* member = find(op, key);
  if (member == nullptr || !member->IsString()) return std::nullopt;
  return view(*member);
}

}  // namespace

std::optional<std::vector<std::string>> pointer_tokens(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  if (pointer.front() != '/') return std::nullopt;
  std::string token;
  for (std::size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      tokens.push_back(std::move(token));
      token.clear();
    } else if (pointer[i] != '~') {
      token += pointer[i];
    } else if (i + 1 < pointer.size() && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
      token += pointer[++i] == '0' ? '~' : '/';
    } else {
      return std::nullopt;
    }
  }
  return tokens;
}

bool apply_patch(Document& document, const Value& patch) {
  if (!patch.IsArray()) return false;
  auto& allocator = document.GetAllocator();
  for (const auto& op : patch.GetArray()) {
    if (!op.IsObject()) return false;
    const auto verb = text_member(op, "op");
    const auto path_text = text_member(op, "path");
    if (!verb || !path_text) return false;
    auto path = pointer_tokens(*path_text);
    if (!path) return false;
    Value value;
    if (const Value* given = find(op, "value")) value.CopyFrom(*given, allocator);
    if (*verb == "add") {
      if (!add_at(document, *path, value, allocator)) return false;
    } else if (*verb == "remove") {
      if (!remove_at(document, *path, nullptr)) return false;
    } else if (*verb == "replace") {
      Value* target = resolve(document, *path);
      if (target == nullptr) return false;
      *target = value;
    } else if (*verb == "move") {
      const auto from_text = text_member(op, "from");
      auto from = from_text ? pointer_tokens(*from_text) : std::nullopt;
      if (!from || !remove_at(document, *from, &value) ||
          !add_at(document, *path, value, allocator)) {
        return false;
      }
    } else {
      return false;
    }
  }
  return true;
}

bool apply_patch(Document& document, std::string_view patch_json) {
  auto patch = tree(patch_json);
  return patch != nullptr && apply_patch(document, *patch);
}

}  // namespace artifacts::testing
