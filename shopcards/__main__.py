"""`python -m shopcards` is the `shopcards` command."""

from shopcards.cli import main

raise SystemExit(main())
