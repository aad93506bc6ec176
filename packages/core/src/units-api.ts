// Request and response schemas of the units endpoints, shared by api and web.
export {};
