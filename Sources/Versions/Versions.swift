// The version schemes and the shared constraint grammar live here (see README "Layout").
