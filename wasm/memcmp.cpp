// memcmp for the module, 16 bytes at a time with SIMD128. Emscripten's musl compares words only
// when both pointers are 4-byte aligned and bytes otherwise, and the texts documents compare
// (sections, list items, member values) rarely are: it was a fifth of a merge of documents.
// Built without LTO and builtins (set in CMakeLists.txt), so the linker takes it instead of
// libc's and the compiler cannot turn its loop back into a call to itself.
#include <wasm_simd128.h>

#include <cstddef>

extern "C" int memcmp(const void* left, const void* right, std::size_t size) {
  const auto* a = static_cast<const unsigned char*>(left);
  const auto* b = static_cast<const unsigned char*>(right);
  for (; size >= 16; a += 16, b += 16, size -= 16) {
    if (!wasm_i8x16_all_true(wasm_i8x16_eq(wasm_v128_load(a), wasm_v128_load(b)))) break;
  }
  for (; size > 0; ++a, ++b, --size) {
    if (*a != *b) return *a - *b;
  }
  return 0;
}
