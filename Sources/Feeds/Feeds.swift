// See README "Layout".
