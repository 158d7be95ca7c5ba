#pragma once
// The test hook's shared-file part (web/test_hook_media.cpp, documented in web/TEST_HOOK.md).
#include <string>

#include "core/model/state.h"

namespace starling::web {

// ,"attachment":{url,name,type,size,encrypted,state,progress,kind,width,height,error} when m has one.
void appendAttachmentJson(std::string& out, const model::Message& m);

}  // namespace starling::web
