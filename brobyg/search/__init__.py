"""Search: records made from the model, and the Pagefind index built from them."""
