// Request and response schemas of the trends endpoints, shared by api and web.
export {};
