// Private to shared/src: the two catalogs, one file each so translators touch only their language.
#pragma once
#include <vector>

#include "tumen/i18n.hpp"

namespace tumen::i18n {
const std::vector<Entry>& catalog_mn();
const std::vector<Entry>& catalog_en();
}  // namespace tumen::i18n
