from gluteclaims.cli.main import main

main()
