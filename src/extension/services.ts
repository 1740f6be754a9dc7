// What extension.ts makes once and hands to every feature: the sessions (one per C file)
// and the descriptor-table view host. Features take them as arguments instead of reaching
// them through a module-level singleton or another feature's command.
import type { Sessions } from "./session/sessions";
import type { DescriptorView } from "./view/panel";

export interface Services {
  sessions: Sessions;
  view: DescriptorView;
}
